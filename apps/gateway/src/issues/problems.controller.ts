import { readableUnits } from '@congress/auth';
import {
  CloseRequest,
  CloseRequestInput,
  Extension,
  ExtensionDecide,
  ExtensionDecisionInput,
  ExtensionList,
  ExtensionRequest,
  ExtensionRequestInput,
  HistoryEntry,
  LedgerFilterQuery,
  LookBack,
  LookBackInput,
  LookBackList,
  LookBackRecord,
  ProblemCounts,
  ProblemCountsGet,
  ProblemHistory,
  ProblemItem,
  ProblemList,
  ProblemPatch,
  ProblemUpdate,
  ProblemVerify,
  Progress,
  ProgressInput,
  ProgressList,
  ProgressReport,
  UnitCode,
  Uuid,
  VerificationInput,
  PageQuery,
  pageOf,
  type Actor,
  ALL_ROLES,
  DECIDER_ROLES,
  OFFICE_ROLES,
  REPORTER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Controller, Get, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitReferences } from '../http/unit-references.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { XLSX } from '../projects/projects.controller.js';
import { UnitTreeService } from '../units/unit-tree.service.js';
import { BodyDirectory } from './body-directory.js';
import { writeLedgerSheet } from './ledger-sheet.js';
import { IssueAccess, problemReferences } from './problem-access.js';
import { replyAsFile } from '../http/file-reply.js';

/** Export walks the filtered ledger page by page, up to this many problems. */
const EXPORT_LIMIT = 50_000;
/**
 * Problems asked for per NATS request while exporting. issue-tracking ends a page at 600 KB
 * (about 650 typical problems), so asking for more would fetch the rest twice.
 */
const EXPORT_PAGE = 600;
/** Those who act for a responsible body, and staff who record for it (bodies often report on paper). */

const IdParams = z.object({ id: Uuid });
type Id = z.infer<typeof IdParams>;
const ExtensionParams = z.object({ id: Uuid, extensionId: Uuid });
const read = { mode: 'resource', check: 'read', reason: '问题所属单位；承办单位联络员只能看到本单位承办（含协办）的问题' } as const;
const write = { mode: 'resource', check: 'write', reason: '只能处理本单位交办的问题；承办单位联络员只能处理本单位承办的问题' } as const;
const ListQuery = PageQuery.extend(LedgerFilterQuery.shape).extend({ unit: UnitCode.optional() }).strict();
const CountQuery = LedgerFilterQuery.extend({ unit: UnitCode.optional() }).strict();
const ExportQuery = CountQuery;
const PatchBody = ProblemPatch.extend({ version: z.number({ error: '必须提供读取时的 version（乐观并发控制）' }).int().positive() }).strict();

/** The ledger (台账) and the life of each problem: served by issue-tracking. */
@ApiTags('问题台账 problems')
@Controller()
export class ProblemsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(IssueAccess) private readonly access: IssueAccess,
    @Inject(BodyDirectory) private readonly bodies: BodyDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(UnitReferences) private readonly references: UnitReferences,
  ) {}

  /** The units a ledger query covers: the one asked for (if readable), or all the caller may read. */
  private async units(req: GatewayRequest, actor: Actor, unit: string | undefined): Promise<string[]> {
    if (unit) {
      await this.scope.assert(req, actor, unit, 'read');
      return [unit];
    }
    await this.tree.refresh();
    return [...readableUnits(actor, this.tree.all(), this.tree)];
  }

  @Get('problems')
  @Endpoint({
    summary: '问题台账（筛选、检索、分页）',
    description: '按单位、项目、审议意见、责任单位（含协办）、状态、是否逾期、时限范围和文字筛选。承办单位联络员只看到本单位承办的问题。每条带红黄绿灯：逾期为红，7 天内到期或 14 天未报进展为黄。',
    access: { roles: ALL_ROLES, unit: { mode: 'caller', reason: '只在调用者本单位及其可读的下级单位中查询；指定 unit 时先检查其可读' } },
    query: ListQuery,
    response: pageOf(ProblemItem),
  })
  async list(@Valid('query') q: z.infer<typeof ListQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { unit, ...filters } = q;
    const unitCodes = await this.units(req, actor, unit);
    if (unitCodes.length === 0) return { items: [], nextCursor: null };
    return this.rpc.request(ProblemList, { ...filters, unitCodes }, { actor, requestId });
  }

  @Get('problems/counts')
  @Endpoint({
    summary: '台账统计：按状态、按责任单位（含红黄绿灯）',
    access: { roles: ALL_ROLES, unit: { mode: 'caller', reason: '同问题台账' } },
    query: CountQuery,
    response: ProblemCounts,
  })
  async counts(@Valid('query') q: z.infer<typeof CountQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { unit, ...filters } = q;
    const unitCodes = await this.units(req, actor, unit);
    if (unitCodes.length === 0) return { total: 0, overdue: 0, byStatus: {}, byBody: [] };
    return this.rpc.request(ProblemCountsGet, { ...filters, unitCodes }, { actor, requestId });
  }

  @Get('problems.xlsx')
  @ApiProduces(XLSX)
  @Endpoint({
    summary: '导出问题台账（Excel，筛选条件同台账）',
    description: '列：序号、问题、责任单位、责任人、整改措施、时限、进展、状态、销号时间。边查边写，逐行流式输出。',
    access: { roles: ALL_ROLES, unit: { mode: 'caller', reason: '同问题台账' } },
    query: ExportQuery,
    response: z.string().meta({ format: 'binary' }),
  })
  async export(
    @Valid('query') q: z.infer<typeof ExportQuery>,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { unit, ...filters } = q;
    const unitCodes = await this.units(req, actor, unit);
    // Ask for the first page before answering, so a refusal is still a problem+json response.
    const first = unitCodes.length ? await this.rpc.request(ProblemList, { ...filters, unitCodes, limit: EXPORT_PAGE }, { actor, requestId }) : { items: [], nextCursor: null };
    const names = await this.bodies.names(unitCodes.length <= 30 ? unitCodes : [...new Set(first.items.map((p) => p.unitCode))], requestId);
    const rpc = this.rpc;
    async function* pages() {
      let page = first;
      let sent = 0;
      for (;;) {
        yield page.items;
        sent += page.items.length;
        if (!page.nextCursor || sent >= EXPORT_LIMIT) return;
        page = await rpc.request(ProblemList, { ...filters, unitCodes, limit: EXPORT_PAGE, cursor: page.nextCursor }, { actor, requestId });
      }
    }
    const out = new PassThrough();
    writeLedgerSheet(out, pages(), { bodyName: names }, '问题台账').catch((error: unknown) => {
      this.logger.error({ err: error, requestId }, 'ledger export failed midway');
      out.destroy(error as Error);
    });
    void replyAsFile(reply, XLSX, '问题台账.xlsx', 'problems.xlsx');
    return out;
  }

  @Get('problems/:id')
  @Endpoint({ summary: '问题详情', access: { roles: ALL_ROLES, unit: read }, params: IdParams, response: ProblemItem })
  async get(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.access.problem(req, actor, p.id, 'read', requestId);
  }

  @Patch('problems/:id')
  @Endpoint({
    summary: '修改问题（整改清单内容）',
    description: '机关工作人员可改问题内容；承办单位联络员只能填写整改措施和责任人。交办后时限只能通过延期申请变更。必须带上读取时的 `version`。',
    access: { roles: REPORTER_ROLES, unit: write },
    params: IdParams,
    body: PatchBody,
    response: ProblemItem,
  })
  async update(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof PatchBody>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { version, ...changes } = body;
    await this.references.assertOwn(actor, problemReferences(changes), requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(ProblemUpdate, { id: p.id, expectedVersion: version, ...changes }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Get('problems/:id/progress')
  @Endpoint({ summary: '整改进展记录', access: { roles: ALL_ROLES, unit: read }, params: IdParams, response: z.object({ items: z.array(Progress) }) })
  async progress(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'read', requestId);
    return this.rpc.request(ProgressList, { id: p.id }, { actor, requestId });
  }

  @Post('problems/:id/progress')
  @Endpoint({
    summary: '报告整改进展',
    description: '文字、完成百分比和附件（先上传到 `/problems/{id}/attachments`）。周报告读取这些进展。发布 `problem.progress-reported.v1`。',
    access: { roles: REPORTER_ROLES, unit: write },
    params: IdParams,
    body: ProgressInput.strict(),
    response: Progress,
    status: 201,
  })
  async reportProgress(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof ProgressInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(ProgressReport, { id: p.id, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Post('problems/:id/close-requests')
  @Endpoint({
    summary: '申请销号',
    description: '附上问题要求的全部证明材料（附件的 evidence 类型）；缺少时返回 400 并逐项列出缺少的材料。',
    access: { roles: REPORTER_ROLES, unit: write },
    params: IdParams,
    body: CloseRequestInput.strict(),
    response: ProblemItem,
    status: 201,
  })
  async requestClose(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof CloseRequestInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(CloseRequest, { id: p.id, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Post('problems/:id/verification')
  @Endpoint({
    summary: '核验销号申请：销号或退回',
    description: '`{"decision":"accept"}` 销号（记录核验人和日期）；`{"decision":"send-back","reason":"…"}` 退回重新整改。',
    access: { roles: OFFICE_ROLES, unit: write },
    params: IdParams,
    body: VerificationInput,
    response: ProblemItem,
  })
  async verify(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof VerificationInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(ProblemVerify, { id: p.id, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Get('problems/:id/extensions')
  @Endpoint({ summary: '延期申请记录', access: { roles: ALL_ROLES, unit: read }, params: IdParams, response: z.object({ items: z.array(Extension) }) })
  async extensions(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'read', requestId);
    return this.rpc.request(ExtensionList, { id: p.id }, { actor, requestId });
  }

  @Post('problems/:id/extensions')
  @Endpoint({
    summary: '申请延期',
    description: '理由和建议的新时限（须晚于现时限）；同一问题同时只能有一个待审批的申请。',
    access: { roles: REPORTER_ROLES, unit: write },
    params: IdParams,
    body: ExtensionRequestInput.strict(),
    response: Extension,
    status: 201,
  })
  async requestExtension(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof ExtensionRequestInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(ExtensionRequest, { id: p.id, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Post('problems/:id/extensions/:extensionId/decision')
  @Endpoint({
    summary: '审批延期申请（主任会议成员或单位管理员）',
    description: '同意则新时限生效、问题为「已延期」并发布 `problem.extended.v1`；不同意则时限不变。',
    access: { roles: DECIDER_ROLES, unit: write },
    params: ExtensionParams,
    body: ExtensionDecisionInput.strict(),
    response: Extension,
  })
  async decideExtension(
    @Valid('params') p: z.infer<typeof ExtensionParams>,
    @Valid('body') body: z.infer<typeof ExtensionDecisionInput>,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Req() req: GatewayRequest,
  ) {
    return this.scope.byOwner(req, actor, this.rpc.request(ExtensionDecide, { id: p.id, extensionId: p.extensionId, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Get('problems/:id/look-backs')
  @Endpoint({ summary: '回头看复查记录', access: { roles: ALL_ROLES, unit: read }, params: IdParams, response: z.object({ items: z.array(LookBack) }) })
  async lookBacks(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'read', requestId);
    return this.rpc.request(LookBackList, { id: p.id }, { actor, requestId });
  }

  @Post('problems/:id/look-backs')
  @Endpoint({
    summary: '记录回头看复查结果',
    description: '只对已销号的问题。复查未通过（`result: failed`）须给出 `newDeadline`，问题重新整改并发布 `problem.reopened.v1`。',
    access: { roles: OFFICE_ROLES, unit: write },
    params: IdParams,
    body: LookBackInput.strict(),
    response: LookBack,
    status: 201,
  })
  async lookBack(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof LookBackInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(LookBackRecord, { id: p.id, ...body }, { actor, requestId }), this.access.problemOwner(actor, p.id, requestId));
  }

  @Get('problems/:id/history')
  @Endpoint({ summary: '问题的全部变化记录', access: { roles: ALL_ROLES, unit: read }, params: IdParams, response: z.object({ items: z.array(HistoryEntry) }) })
  async history(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.problem(req, actor, p.id, 'read', requestId);
    return this.rpc.request(ProblemHistory, { id: p.id }, { actor, requestId });
  }
}
