import { readableUnits } from '@congress/auth';
import {
  Project,
  ProjectCreate,
  ProjectGet,
  ProjectInput,
  ProjectList,
  ProjectListQuery,
  ProjectTransition,
  ProjectUpdate,
  TransitionInput,
  UnitCode,
  Uuid,
  pageOf,
  type Actor,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Controller, Get, Inject, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { UnitTreeService } from '../units/unit-tree.service.js';

const READERS = ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy'] as const;
const EDITORS = ['unit-admin', 'leader', 'staff'] as const;

const IdParams = z.object({ id: Uuid });
const ListQuery = ProjectListQuery.extend({ unit: UnitCode.optional() }).strict();
const PatchBody = ProjectInput.partial()
  .extend({ version: z.number({ error: '必须提供读取时的 version（乐观并发控制）' }).int().positive() })
  .strict();

/** The project library (项目库): served by project-library over NATS. */
@ApiTags('项目库 projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
    @Inject(UnitScope) private readonly scope: UnitScope,
  ) {}

  @Get()
  @Endpoint({
    summary: '项目列表（筛选、中文检索、分页）',
    description: '`unit` 不填时列出调用者可见的全部单位的项目；`q` 按标题或摘要的任意一段文字检索。',
    access: { roles: READERS, unit: { mode: 'caller', reason: '只在调用者本单位及其可读的下级单位中查询；指定 unit 时先检查其可读' } },
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

  @Post()
  @Endpoint({
    summary: '录入候选项目（进入储备）',
    access: { roles: EDITORS, unit: { mode: 'caller', reason: '项目录入调用者本单位的项目库' } },
    body: ProjectInput.strict(),
    response: Project,
    status: 201,
  })
  async create(@Valid('body') body: z.infer<typeof ProjectInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(ProjectCreate, { ...body, unitCode: actor.unitCode! }, { actor, requestId });
  }

  @Get(':id')
  @Endpoint({
    summary: '项目详情',
    access: { roles: READERS, unit: { mode: 'resource', check: 'read', reason: '项目所属单位' } },
    params: IdParams,
    response: Project,
  })
  async get(@Valid('params') p: z.infer<typeof IdParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const project = await this.rpc.request(ProjectGet, { id: p.id }, { actor, requestId });
    await this.scope.assert(req, actor, project.unitCode, 'read');
    return project;
  }

  @Patch(':id')
  @Endpoint({
    summary: '修改项目',
    description: '必须带上读取时的 `version`；项目已被他人修改时返回 409。',
    access: { roles: EDITORS, unit: { mode: 'resource', check: 'write', reason: '只能修改本单位的项目' } },
    params: IdParams,
    body: PatchBody,
    response: Project,
  })
  async update(@Valid('params') p: z.infer<typeof IdParams>, @Valid('body') body: z.infer<typeof PatchBody>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const current = await this.rpc.request(ProjectGet, { id: p.id }, { actor, requestId });
    await this.scope.assert(req, actor, current.unitCode, 'write');
    const { version, ...changes } = body;
    return this.rpc.request(ProjectUpdate, { id: p.id, expectedVersion: version, ...changes }, { actor, requestId });
  }

  @Post(':id/transitions')
  @Endpoint({
    summary: '项目阶段流转',
    description: '储备 → 谋划 → 立项 → 实施 → 评估 → 跟踪 → 办结，或撤销。立项须主任会议成员或单位管理员，并提供决定机关、日期和文号；非法流转返回 409 并说明原因。',
    access: { roles: EDITORS, unit: { mode: 'resource', check: 'write', reason: '只能流转本单位的项目' } },
    params: IdParams,
    body: TransitionInput.strict(),
    response: Project,
  })
  async transition(@Valid('params') p: z.infer<typeof IdParams>, @Valid('body') body: z.infer<typeof TransitionInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    const current = await this.rpc.request(ProjectGet, { id: p.id }, { actor, requestId });
    await this.scope.assert(req, actor, current.unitCode, 'write');
    return this.rpc.request(ProjectTransition, { id: p.id, ...body }, { actor, requestId });
  }
}
