import {
  Attachment,
  AttachmentGet,
  AttachmentList,
  AttachmentRegister,
  EvidenceKind,
  Uuid,
  type Actor,
  ALL_ROLES,
  OFFICE_ROLES,
  READER_ROLES,
  REPORTER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { newBlobKey, sniffAttachment, type BlobStore } from '@congress/storage';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ProblemError } from '@congress/contracts';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { IssueAccess } from './problem-access.js';
import { replyAsFile } from '../http/file-reply.js';

export const BLOB_STORE = Symbol('BLOB_STORE');

const IdParams = z.object({ id: Uuid });
type Id = z.infer<typeof IdParams>;
const PublicAttachment = Attachment.omit({ blobKey: true });
const UploadQuery = z
  .object({
    name: z.string().trim().min(1, { error: '请提供文件名' }).max(200, { error: '文件名不能超过 200 个字' }).regex(/^[^/\\]+$/, { error: '文件名不能包含 / 或 \\' }),
    evidence: EvidenceKind.optional(),
  })
  .strict();
const FileBody = z.instanceof(Buffer, { error: '请求体必须是文件本身（PDF、图片或 Office 文档），并带上相应的 Content-Type，或 application/octet-stream' });
const hide = ({ blobKey: _key, ...rest }: z.infer<typeof Attachment>) => rest;

/**
 * Attachments: the gateway stores the bytes (type checked by content, 20 MB at most) in the blob
 * store and registers them with issue-tracking, which keeps the record and its access rules. A
 * download asks issue-tracking first, so it obeys the same role, unit and body rules as the problem.
 */
@ApiTags('附件 attachments')
@Controller()
export class AttachmentsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(IssueAccess) private readonly access: IssueAccess,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async store(owner: { ownerType: 'problem' | 'finding'; ownerId: string }, file: Buffer, q: z.infer<typeof UploadQuery>, actor: Actor, requestId: string) {
    const type = await sniffAttachment(file, q.name);
    const blobKey = newBlobKey('attachments');
    await this.blobs.put(blobKey, file, { contentType: type.contentType });
    try {
      const attachment = await this.rpc.request(
        AttachmentRegister,
        { ...owner, name: q.name, contentType: type.contentType, size: file.length, sha256: createHash('sha256').update(file).digest('hex'), evidence: q.evidence ?? null, blobKey },
        { actor, requestId },
      );
      return hide(attachment);
    } catch (error) {
      // Nothing half-stored: the bytes go if their record could not be made.
      await this.blobs.delete(blobKey).catch((e: unknown) => this.logger.error({ err: e, blobKey }, 'could not remove an unregistered blob'));
      throw error;
    }
  }

  @Post('problems/:id/attachments')
  @ApiConsumes('application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png')
  @Endpoint({
    summary: '上传问题的附件（整改材料、现场照片等）',
    description: '请求体为文件本身；`name` 为文件名，`evidence` 为它所证明的材料类型（document 整改文件、site-photo 现场照片、deputy-confirmation 代表确认意见、other 其他材料）。只接受 PDF、图片和 Office 文档（按内容识别，不看扩展名），每个不超过 20 MB。',
    access: { roles: REPORTER_ROLES, unit: { mode: 'resource', check: 'write', reason: '只能为本单位的问题上传；承办单位联络员只能为本单位承办的问题上传' } },
    params: IdParams,
    query: UploadQuery,
    body: FileBody,
    response: PublicAttachment,
    status: 201,
  })
  async uploadForProblem(@Valid('params') p: Id, @Valid('query') q: z.infer<typeof UploadQuery>, @Valid('body') file: Buffer, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'write', requestId);
    return this.store({ ownerType: 'problem', ownerId: p.id }, file, q, actor, requestId);
  }

  @Get('problems/:id/attachments')
  @Endpoint({ summary: '问题的附件', access: { roles: ALL_ROLES, unit: { mode: 'resource', check: 'read', reason: '同问题' } }, params: IdParams, response: z.object({ items: z.array(PublicAttachment) }) })
  async listForProblem(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'read', requestId);
    const { items } = await this.rpc.request(AttachmentList, { ownerType: 'problem', ownerId: p.id }, { actor, requestId });
    return { items: items.map(hide) };
  }

  @Post('findings/:id/attachments')
  @ApiConsumes('application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png')
  @Endpoint({
    summary: '上传调研发现的证据材料',
    description: '同问题附件：请求体为文件本身，`name` 为文件名。',
    access: { roles: OFFICE_ROLES, unit: { mode: 'resource', check: 'write', reason: '只能为本单位的调研发现上传（issue-tracking 按调研发现所属单位检查）' } },
    params: IdParams,
    query: UploadQuery,
    body: FileBody,
    response: PublicAttachment,
    status: 201,
  })
  async uploadForFinding(@Valid('params') p: Id, @Valid('query') q: z.infer<typeof UploadQuery>, @Valid('body') file: Buffer, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const owner = { absent: `调研发现 ${p.id} 不存在`, unitOf: async () => (await this.rpc.request(AttachmentList, { ownerType: 'finding', ownerId: p.id }, { actor, requestId })).unitCode };
    return this.scope.byOwner(req, actor, this.store({ ownerType: 'finding', ownerId: p.id }, file, q, actor, requestId), owner);
  }

  @Get('findings/:id/attachments')
  @Endpoint({
    summary: '调研发现的证据材料',
    access: { roles: READER_ROLES, unit: { mode: 'resource', check: 'read', reason: '调研发现所属单位' } },
    params: IdParams,
    response: z.object({ items: z.array(PublicAttachment) }),
  })
  async listForFinding(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { items, unitCode } = await this.rpc.request(AttachmentList, { ownerType: 'finding', ownerId: p.id }, { actor, requestId });
    // Another unit's finding is answered as one that does not exist, with or without attachments.
    await this.scope.assertResource(req, actor, unitCode, 'read', `调研发现 ${p.id} 不存在`);
    return { items: items.map(hide) };
  }

  @Get('attachments/:id')
  @ApiProduces('application/octet-stream')
  @Endpoint({
    summary: '下载附件',
    access: { roles: ALL_ROLES, unit: { mode: 'resource', check: 'read', reason: '附件所属问题或调研发现的单位；承办单位联络员只能下载本单位承办问题的附件' } },
    params: IdParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async download(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const attachment = await this.rpc.request(AttachmentGet, { id: p.id }, { actor, requestId });
    await this.scope.assertResource(req, actor, attachment.unitCode, 'read', `附件 ${p.id} 不存在`);
    const blob = await this.blobs.get(attachment.blobKey);
    if (!blob) throw ProblemError.notFound(`附件 ${attachment.name} 的文件内容不存在`);
    void replyAsFile(reply, attachment.contentType, attachment.name, 'attachment').header('Content-Length', String(blob.size)).header('X-Content-Type-Options', 'nosniff');
    return blob.stream;
  }
}
