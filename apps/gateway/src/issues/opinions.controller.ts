import {
  Finding,
  FindingCreate,
  FindingImport,
  FindingInput,
  FindingList,
  Opinion,
  OpinionCreate,
  OpinionInput,
  OpinionList,
  OpinionTransmit,
  ProblemCreate,
  ProblemImport,
  ProblemInput,
  ProblemItem,
  ProblemList,
  TransmitInput,
  Uuid,
  todayInShanghai,
  type Actor,
  OFFICE_ROLES,
  READER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { UnitReferences } from '../http/unit-references.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { ProjectAccess } from '../projects/project-access.js';
import { XLSX } from '../projects/projects.controller.js';
import { UnitTreeService } from '../units/unit-tree.service.js';
import { assignmentLetterDocx } from './assignment-letter.js';
import { BodyDirectory } from './body-directory.js';
import { findingSheetTemplate, readFindingSheet } from './finding-sheet.js';
import { IssueAccess, problemReferences } from './problem-access.js';
import { problemSheetTemplate, readProblemSheet } from './problem-sheet.js';
import { replyAsFile } from '../http/file-reply.js';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const IdParams = z.object({ id: Uuid });
type Id = z.infer<typeof IdParams>;
const projectRead = { mode: 'resource', check: 'read', reason: '项目所属单位' } as const;
const projectWrite = { mode: 'resource', check: 'write', reason: '只能为本单位的项目录入' } as const;
const opinionRead = { mode: 'resource', check: 'read', reason: '审议意见所属单位' } as const;
const opinionWrite = { mode: 'resource', check: 'write', reason: '只能处理本单位的审议意见' } as const;
const xlsxBody = z.instanceof(Buffer, { error: '请上传 Excel（.xlsx）文件' });
const LetterQuery = z.object({ body: Uuid, documentNumber: z.string().trim().max(100).optional() }).strict();

/** 调研发现 and 审议意见 with their problem lists, up to transmission (交办): served by issue-tracking. */
@ApiTags('审议意见与问题清单 opinions')
@Controller()
export class OpinionsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(ProjectAccess) private readonly projects: ProjectAccess,
    @Inject(IssueAccess) private readonly access: IssueAccess,
    @Inject(BodyDirectory) private readonly bodies: BodyDirectory,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(UnitReferences) private readonly references: UnitReferences,
  ) {}

  private async projectRef(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string) {
    const project = await this.projects.load(req, actor, id, mode, requestId);
    return { projectId: project.id, unitCode: project.unitCode, year: project.year };
  }

  @Get('projects/:id/findings')
  @Endpoint({ summary: '调研发现的问题', access: { roles: READER_ROLES, unit: projectRead }, params: IdParams, response: z.object({ items: z.array(Finding) }) })
  async findings(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.projectRef(req, actor, p.id, 'read', requestId);
    return this.rpc.request(FindingList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/findings')
  @Endpoint({
    summary: '录入调研发现的问题',
    description: '见事见物、落细落小：问题描述、地点、类别、建议责任单位。证据材料作为附件上传到 `/findings/{id}/attachments`。',
    access: { roles: OFFICE_ROLES, unit: projectWrite },
    params: IdParams,
    body: FindingInput.strict(),
    response: Finding,
    status: 201,
  })
  async addFinding(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof FindingInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const ref = await this.projectRef(req, actor, p.id, 'write', requestId);
    await this.references.assertOwn(actor, [{ field: 'body.suggestedBodyId', kind: 'body', ids: body.suggestedBodyId }], requestId);
    return this.rpc.request(FindingCreate, { ...ref, ...body }, { actor, requestId });
  }

  @Get('projects/:id/findings-template.xlsx')
  @ApiProduces(XLSX)
  @Endpoint({
    summary: '调研发现导入模板（Excel）',
    description: '导入用的空表：表头、一行示例，「建议责任单位」一列可从本单位的责任单位名录中下拉选择（名录在第二个工作表）。',
    access: { roles: OFFICE_ROLES, unit: projectWrite },
    params: IdParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async findingsTemplate(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const ref = await this.projectRef(req, actor, p.id, 'write', requestId);
    const file = await findingSheetTemplate(await this.bodies.list(ref.unitCode, requestId));
    void replyAsFile(reply, XLSX, '调研发现导入模板.xlsx', 'findings-template.xlsx');
    return file;
  }

  @Post('projects/:id/findings::import')
  @ApiConsumes(XLSX)
  @Endpoint({
    summary: '从调研报告的 Excel 表导入调研发现',
    description: '表头：问题描述、地点、类别、建议责任单位（单位全称或简称）。任何一行有错都不导入，错误逐条列出行、列和原因。',
    access: { roles: OFFICE_ROLES, unit: projectWrite },
    params: IdParams,
    body: xlsxBody,
    response: FindingImport.response,
    status: 201,
  })
  async importFindings(@Valid('params') p: Id, @Valid('body') file: Buffer, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const ref = await this.projectRef(req, actor, p.id, 'write', requestId);
    const findings = await readFindingSheet(file, await this.bodies.ids(ref.unitCode, requestId));
    return this.rpc.request(FindingImport, { ...ref, findings }, { actor, requestId, timeoutMs: 30_000 });
  }

  @Get('projects/:id/opinions')
  @Endpoint({ summary: '项目的审议意见', access: { roles: READER_ROLES, unit: projectRead }, params: IdParams, response: z.object({ items: z.array(Opinion) }) })
  async opinions(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.projectRef(req, actor, p.id, 'read', requestId);
    return this.rpc.request(OpinionList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/opinions')
  @Endpoint({
    summary: '录入审议意见',
    description: '会议名称（如 市五届人大常委会第三十三次会议）、审议日期和意见全文；`findingIds` 中的调研发现转为问题清单的草稿，交办前可逐条修改。',
    access: { roles: OFFICE_ROLES, unit: projectWrite },
    params: IdParams,
    body: OpinionInput.strict(),
    response: Opinion,
    status: 201,
  })
  async addOpinion(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof OpinionInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const ref = await this.projectRef(req, actor, p.id, 'write', requestId);
    return this.rpc.request(OpinionCreate, { ...ref, ...body }, { actor, requestId });
  }

  @Get('opinions/:id')
  @Endpoint({ summary: '审议意见', access: { roles: READER_ROLES, unit: opinionRead }, params: IdParams, response: Opinion })
  async opinion(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.access.opinion(req, actor, p.id, 'read', requestId);
  }

  @Post('opinions/:id/transmit')
  @Endpoint({
    summary: '交办审议意见和问题清单',
    description: '全部问题一并交办给责任单位（每个问题须有整改时限，或提供统一的 `defaultDeadline`），并规定研究处理情况报告的时限。发布 `opinion.transmitted.v1` 和每个问题的 `problem.assigned.v1`。',
    access: { roles: OFFICE_ROLES, unit: opinionWrite },
    params: IdParams,
    body: TransmitInput.strict(),
    response: Opinion,
  })
  async transmit(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof TransmitInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(OpinionTransmit, { id: p.id, ...body }, { actor, requestId }), this.access.opinionOwner(actor, p.id, requestId));
  }

  @Get('opinions/:id/assignment-letter')
  @ApiProduces(DOCX)
  @Endpoint({
    summary: '交办函（Word 文档）',
    description: '按公文格式生成给一个责任单位的交办函，列出交办给它（含协办）的问题。`body` 为责任单位 id；承办单位联络员只能取本单位的交办函。',
    access: { roles: [...READER_ROLES, 'body-liaison'], unit: opinionRead },
    params: IdParams,
    query: LetterQuery,
    response: z.string().meta({ format: 'binary' }),
  })
  async letter(
    @Valid('params') p: Id,
    @Valid('query') q: z.infer<typeof LetterQuery>,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const opinion = await this.access.opinion(req, actor, p.id, 'read', requestId);
    // issue-tracking keeps a liaison to its own body's problems: another body's letter comes out empty, so refuse it.
    const problems: z.infer<typeof ProblemItem>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.rpc.request(ProblemList, { unitCodes: [opinion.unitCode], opinion: opinion.id, body: q.body, limit: 200, cursor }, { actor, requestId });
      problems.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const names = await this.bodies.names([opinion.unitCode], requestId);
    await this.tree.refresh();
    const unit = this.tree.all().find((u) => u.code === opinion.unitCode);
    const projectTitle = (await this.projects.load(req, actor, opinion.projectId, 'read', requestId).catch(() => undefined))?.title ?? '';
    const file = await assignmentLetterDocx({
      unitName: unit ? `${unit.name.replace(/人大常委会$/, '')}人大常委会` : opinion.unitCode,
      documentNumber: q.documentNumber,
      bodyName: names(q.body),
      projectTitle,
      opinion,
      problems: problems.sort((a, b) => a.number.localeCompare(b.number)),
      bodyNames: names,
      issuedOn: opinion.transmittedAt ? opinion.transmittedAt.slice(0, 10) : todayInShanghai(),
    });
    const filename = `交办函-${names(q.body)}.docx`;
    void replyAsFile(reply, DOCX, filename, 'assignment-letter.docx');
    return file;
  }

  @Get('opinions/:id/problems')
  @Endpoint({
    summary: '审议意见的问题清单',
    access: { roles: [...READER_ROLES, 'body-liaison'], unit: opinionRead },
    params: IdParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(200), cursor: z.string().max(200).optional() }).strict(),
    response: z.object({ items: z.array(ProblemItem), nextCursor: z.string().nullable() }),
  })
  async problems(@Valid('params') p: Id, @Valid('query') q: { limit: number; cursor?: string }, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const opinion = await this.access.opinion(req, actor, p.id, 'read', requestId);
    return this.rpc.request(ProblemList, { unitCodes: [opinion.unitCode], opinion: opinion.id, ...q }, { actor, requestId });
  }

  @Post('opinions/:id/problems')
  @Endpoint({
    summary: '在问题清单中增加问题',
    description: '交办前为草稿（待交办）；交办后补充的问题立即交办，必须有整改时限。问题编号为 单位-年度-项目序号-问题序号。',
    access: { roles: OFFICE_ROLES, unit: opinionWrite },
    params: IdParams,
    body: ProblemInput.strict(),
    response: ProblemItem,
    status: 201,
  })
  async addProblem(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof ProblemInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.references.assertOwn(actor, problemReferences(body), requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(ProblemCreate, { opinionId: p.id, ...body }, { actor, requestId }), this.access.opinionOwner(actor, p.id, requestId));
  }

  @Get('opinions/:id/problems-template.xlsx')
  @ApiProduces(XLSX)
  @Endpoint({
    summary: '问题清单导入模板（Excel）',
    description: '导入用的空表：表头、一行示例，「责任单位」「协办单位」两列可从本单位的责任单位名录中下拉选择（名录在第二个工作表）。',
    access: { roles: OFFICE_ROLES, unit: opinionWrite },
    params: IdParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async problemsTemplate(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const opinion = await this.access.opinion(req, actor, p.id, 'write', requestId);
    const file = await problemSheetTemplate(await this.bodies.list(opinion.unitCode, requestId));
    void replyAsFile(reply, XLSX, '问题清单导入模板.xlsx', 'problems-template.xlsx');
    return file;
  }

  @Post('opinions/:id/problems::import')
  @ApiConsumes(XLSX)
  @Endpoint({
    summary: '从 Excel 导入问题清单',
    description: '表头：问题描述、地点、类别、责任单位、协办单位、责任人、整改措施、整改时限、证明材料。单位写全称或简称；多个协办单位、证明材料用顿号分隔。任何一行有错都不导入，错误逐条列出行、列和原因。',
    access: { roles: OFFICE_ROLES, unit: opinionWrite },
    params: IdParams,
    body: xlsxBody,
    response: ProblemImport.response,
    status: 201,
  })
  async importProblems(@Valid('params') p: Id, @Valid('body') file: Buffer, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const opinion = await this.access.opinion(req, actor, p.id, 'write', requestId);
    const problems = await readProblemSheet(file, await this.bodies.ids(opinion.unitCode, requestId));
    return this.rpc.request(ProblemImport, { opinionId: p.id, problems }, { actor, requestId, timeoutMs: 30_000 });
  }
}
