import { readableUnits } from '@congress/auth';
import {
  Milestone,
  MilestoneAdd,
  MilestoneComplete,
  MilestoneList,
  MilestonesCreate,
  Project,
  ProjectCreate,
  ProjectDetail,
  ProjectDetailGet,
  ProjectImport,
  ProjectInput,
  ProjectList,
  ProjectListQuery,
  ProjectTransition,
  ProjectUpdate,
  Responsibility,
  ResponsibilityAdd,
  ResponsibilityInput,
  ResponsibilityList,
  Task,
  TaskAdd,
  TaskInput,
  TaskList,
  TaskProgress,
  TaskProgressInput,
  TransitionInput,
  UnitCode,
  Uuid,
  pageOf,
  patchOf,
  type Actor,
  OFFICE_ROLES,
  READER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Controller, Get, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { UnitTreeService } from '../units/unit-tree.service.js';
import { UnitReferences } from '../http/unit-references.js';
import { ProjectAccess, absentProject, projectReferences } from './project-access.js';
import { projectSheet, readProjectSheet } from './project-sheet.js';
import { replyAsFile } from '../http/file-reply.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Export walks the filtered list page by page, up to this many projects. */
const EXPORT_LIMIT = 10_000;


const IdParams = z.object({ id: Uuid });
const MilestoneParams = z.object({ id: Uuid, milestoneId: Uuid });
const TaskParams = z.object({ id: Uuid, taskId: Uuid });
type Id = z.infer<typeof IdParams>;
const readRule = { mode: 'resource', check: 'read', reason: '项目所属单位' } as const;
const writeRule = { mode: 'resource', check: 'write', reason: '只能修改本单位的项目' } as const;
const ListQuery = ProjectListQuery.extend({ unit: UnitCode.optional() }).strict();
const PatchBody = patchOf(ProjectInput)
  .extend({ version: z.number({ error: '必须提供读取时的 version（乐观并发控制）' }).int().positive() })
  .strict();

/** The project library (项目库): served by project-library over NATS. */
@ApiTags('项目库 projects')
@Controller()
export class ProjectsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(ProjectAccess) private readonly access: ProjectAccess,
    @Inject(UnitReferences) private readonly references: UnitReferences,
  ) {}

  @Get('projects')
  @Endpoint({
    summary: '项目列表（筛选、中文检索、分页）',
    description: '`unit` 不填时列出调用者可见的全部单位的项目；`q` 按标题或摘要的任意一段文字检索。',
    access: { roles: READER_ROLES, unit: { mode: 'caller', reason: '只在调用者本单位及其可读的下级单位中查询；指定 unit 时先检查其可读' } },
    query: ListQuery,
    response: pageOf(Project),
  })
  async list(@Valid('query') q: z.infer<typeof ListQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { unit, ...filters } = q;
    let unitCodes: string[];
    if (unit) {
      await this.scope.assert(req, actor, unit, 'read');
      unitCodes = [unit];
    } else {
      await this.tree.refresh();
      unitCodes = [...readableUnits(actor, this.tree.all(), this.tree)];
    }
    if (unitCodes.length === 0) return { items: [], nextCursor: null };
    return this.rpc.request(ProjectList, { ...filters, unitCodes }, { actor, requestId });
  }

  @Get('projects.xlsx')
  @ApiProduces(XLSX)
  @Endpoint({
    summary: '导出项目列表（Excel，筛选条件同列表）',
    access: { roles: READER_ROLES, unit: { mode: 'caller', reason: '同项目列表' } },
    query: ListQuery.omit({ limit: true, cursor: true }),
    response: z.string().meta({ format: 'binary' }),
  })
  async export(
    @Valid('query') q: Omit<z.infer<typeof ListQuery>, 'limit' | 'cursor'>,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const items: z.infer<typeof Project>[] = [];
    let cursor: string | undefined;
    do {
      const page: { items: z.infer<typeof Project>[]; nextCursor: string | null } = await this.list({ ...q, limit: 200, cursor }, actor, requestId, req);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < EXPORT_LIMIT);
    void replyAsFile(reply, XLSX, '项目库.xlsx', 'projects.xlsx');
    return projectSheet(items.slice(0, EXPORT_LIMIT));
  }

  @Post('projects::import')
  @ApiConsumes(XLSX)
  @Endpoint({
    summary: '从 Excel 导入候选项目',
    description: '请求体为 .xlsx 文件本身（Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）。表头：项目名称、年度、类别、来源（多个用顿号分隔）、主要内容、标签、拟提请会议。任何一行有错都不导入，错误逐条列出行、列和原因。',
    access: { roles: OFFICE_ROLES, unit: { mode: 'caller', reason: '导入调用者本单位的项目库' } },
    body: z.instanceof(Buffer, { error: '请上传 Excel（.xlsx）文件' }),
    response: ProjectImport.response,
    status: 201,
  })
  async importSheet(@Valid('body') file: Buffer, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    const projects = await readProjectSheet(file);
    return this.rpc.request(ProjectImport, { unitCode: actor.unitCode!, projects }, { actor, requestId, timeoutMs: 30_000 });
  }

  @Post('projects')
  @Endpoint({
    summary: '录入候选项目（进入储备）',
    access: { roles: OFFICE_ROLES, unit: { mode: 'caller', reason: '项目录入调用者本单位的项目库' } },
    body: ProjectInput.strict(),
    response: Project,
    status: 201,
  })
  async create(@Valid('body') body: z.infer<typeof ProjectInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    await this.references.assertOwn(actor, projectReferences(body), requestId);
    return this.rpc.request(ProjectCreate, { ...body, unitCode: actor.unitCode! }, { actor, requestId });
  }

  @Get('projects/:id')
  @Endpoint({
    summary: '项目详情（含进度、健康状态和可用的阶段流转）',
    description: '进度是施工表任务完成百分比的加权汇总；健康状态由路线图节点推算：逾期为红（滞后），7 天内到期为黄（预警），否则为绿（正常）。',
    access: { roles: READER_ROLES, unit: readRule },
    params: IdParams,
    response: ProjectDetail,
  })
  async get(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const detail = await this.rpc.request(ProjectDetailGet, { id: p.id }, { actor, requestId });
    await this.scope.assertResource(req, actor, detail.unitCode, 'read', absentProject(p.id));
    return detail;
  }

  @Get('projects/:id/responsibilities')
  @Endpoint({ summary: '责任书', access: { roles: READER_ROLES, unit: readRule }, params: IdParams, response: z.object({ items: z.array(Responsibility) }) })
  async responsibilities(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(ResponsibilityList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/responsibilities')
  @Endpoint({ summary: '增加责任书条目', access: { roles: OFFICE_ROLES, unit: writeRule }, params: IdParams, body: ResponsibilityInput.strict(), response: Responsibility, status: 201 })
  async addResponsibility(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof ResponsibilityInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.references.assertOwn(actor, [{ field: 'body.holderPersonId', kind: 'person', ids: body.holderPersonId }], requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(ResponsibilityAdd, { projectId: p.id, ...body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Get('projects/:id/milestones')
  @Endpoint({ summary: '路线图', access: { roles: READER_ROLES, unit: readRule }, params: IdParams, response: z.object({ items: z.array(Milestone) }) })
  async milestones(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(MilestoneList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/milestones')
  @Endpoint({
    summary: '增加路线图节点，或按标准模板生成',
    description: '`{"template":"standard","startDate":"2022-03-01"}` 生成 调研 → 审议报告 → 交办审议意见 → 督促整改 → 满意度测评 → 回头看；或 `{"title","dueDate"}` 增加一个节点。',
    access: { roles: OFFICE_ROLES, unit: writeRule },
    params: IdParams,
    body: MilestonesCreate,
    response: z.object({ items: z.array(Milestone) }),
    status: 201,
  })
  async addMilestones(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof MilestonesCreate>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(MilestoneAdd, { projectId: p.id, milestone: body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Post('projects/:id/milestones/:milestoneId/complete')
  @Endpoint({ summary: '标记节点完成', access: { roles: OFFICE_ROLES, unit: writeRule }, params: MilestoneParams, response: Milestone })
  async completeMilestone(@Valid('params') p: z.infer<typeof MilestoneParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(MilestoneComplete, { projectId: p.id, milestoneId: p.milestoneId }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Get('projects/:id/tasks')
  @Endpoint({ summary: '施工表', access: { roles: READER_ROLES, unit: readRule }, params: IdParams, response: z.object({ items: z.array(Task) }) })
  async tasks(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(TaskList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/tasks')
  @Endpoint({ summary: '增加施工表任务', access: { roles: OFFICE_ROLES, unit: writeRule }, params: IdParams, body: TaskInput.strict(), response: Task, status: 201 })
  async addTask(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof TaskInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.references.assertOwn(actor, [{ field: 'body.ownerPersonId', kind: 'person', ids: body.ownerPersonId }], requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(TaskAdd, { projectId: p.id, ...body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Patch('projects/:id/tasks/:taskId')
  @Endpoint({
    summary: '更新任务状态与完成百分比',
    description: '必须带上读取时的 `version`。',
    access: { roles: OFFICE_ROLES, unit: writeRule },
    params: TaskParams,
    body: TaskProgressInput.strict(),
    response: Task,
  })
  async updateTask(@Valid('params') p: z.infer<typeof TaskParams>, @Valid('body') body: z.infer<typeof TaskProgressInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(TaskProgress, { projectId: p.id, taskId: p.taskId, ...body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Patch('projects/:id')
  @Endpoint({
    summary: '修改项目',
    description: '必须带上读取时的 `version`；项目已被他人修改时返回 409。',
    access: { roles: OFFICE_ROLES, unit: writeRule },
    params: IdParams,
    body: PatchBody,
    response: Project,
  })
  async update(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof PatchBody>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const { version, ...changes } = body;
    await this.references.assertOwn(actor, projectReferences(changes), requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(ProjectUpdate, { id: p.id, expectedVersion: version, ...changes }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Post('projects/:id/transitions')
  @Endpoint({
    summary: '项目阶段流转',
    description: '储备 → 谋划 → 立项 → 实施 → 评估 → 跟踪 → 办结，或撤销。立项须主任会议成员或单位管理员，并提供决定机关、日期和文号；非法流转返回 409 并说明原因。',
    access: { roles: OFFICE_ROLES, unit: writeRule },
    params: IdParams,
    body: TransitionInput.strict(),
    response: Project,
  })
  async transition(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof TransitionInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(ProjectTransition, { id: p.id, ...body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }
}
