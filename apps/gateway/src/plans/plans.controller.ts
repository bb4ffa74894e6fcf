import {
  Adjustment,
  AdjustmentAdd,
  AdjustmentInput,
  AdjustmentList,
  BattleMap,
  BattleMapGet,
  Plan,
  PlanGet,
  ProjectIssueTimeline,
  ProjectTimeline,
  UnitCode,
  UnitGet,
  Uuid,
  type Actor,
  OFFICE_ROLES,
  READER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitScope } from '../http/unit-scope.service.js';
import { UnitReferences } from '../http/unit-references.js';
import { ProjectAccess, projectReferences } from '../projects/project-access.js';
import { planWorkbook } from './plan-workbook.js';
import { replyAsFile } from '../http/file-reply.js';

const Year = PlanGet.request.shape.year;
const PlanParams = z.object({ unit: UnitCode, year: Year });
const IdParams = z.object({ id: Uuid });
const BattleMapQuery = z.object({ unit: UnitCode, year: Year }).strict();

/** The year's plan, its dynamic adjustments and the battle map. */
@ApiTags('年度计划 plans')
@Controller()
export class PlansController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(ProjectAccess) private readonly access: ProjectAccess,
    @Inject(UnitReferences) private readonly references: UnitReferences,
  ) {}

  @Get('plans/:unit/:year')
  @Endpoint({
    summary: '年度监督计划（含动态调整）',
    access: { roles: READER_ROLES, unit: { mode: 'read', param: 'unit' } },
    params: PlanParams,
    response: Plan,
  })
  async plan(@Valid('params') p: z.infer<typeof PlanParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(PlanGet, { unitCode: p.unit, year: p.year }, { actor, requestId });
  }

  @Get('plans/:unit/:year.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Endpoint({
    summary: '导出年度监督计划（Excel）',
    access: { roles: READER_ROLES, unit: { mode: 'read', param: 'unit' } },
    params: PlanParams,
    response: z.string().meta({ format: 'binary' }),
  })
  async planXlsx(@Valid('params') p: z.infer<typeof PlanParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const [plan, unit] = await Promise.all([
      this.rpc.request(PlanGet, { unitCode: p.unit, year: p.year }, { actor, requestId }),
      this.rpc.request(UnitGet, { code: p.unit }, { actor, requestId }),
    ]);
    const file = `${unit.name}${p.year}年度监督工作计划.xlsx`;
    void replyAsFile(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file, `plan-${p.unit}-${p.year}.xlsx`);
    return planWorkbook(plan, unit.name);
  }

  @Get('projects/:id/adjustments')
  @Endpoint({
    summary: '项目的动态调整记录',
    access: { roles: READER_ROLES, unit: { mode: 'resource', check: 'read', reason: '项目所属单位' } },
    params: IdParams,
    response: z.object({ items: z.array(Adjustment) }),
  })
  async adjustments(@Valid('params') p: z.infer<typeof IdParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(AdjustmentList, { projectId: p.id }, { actor, requestId });
  }

  @Post('projects/:id/adjustments')
  @Endpoint({
    summary: '动态调整（增补、撤销、延至下年、变更）',
    description: '每次调整须写明理由、批准人和批准日期，并留痕；增补需要批准文号，撤销已立项项目须主任会议成员或单位管理员。',
    access: { roles: OFFICE_ROLES, unit: { mode: 'resource', check: 'write', reason: '只能调整本单位的项目' } },
    params: IdParams,
    body: AdjustmentInput.strict(),
    response: Adjustment,
    status: 201,
  })
  async adjust(@Valid('params') p: z.infer<typeof IdParams>, @Valid('body') body: z.infer<typeof AdjustmentInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.references.assertOwn(actor, projectReferences(body.changes ?? {}, 'body.changes'), requestId);
    return this.scope.byOwner(req, actor, this.rpc.request(AdjustmentAdd, { projectId: p.id, ...body }, { actor, requestId }), this.access.owner(actor, p.id, requestId));
  }

  @Get('projects/:id/timeline')
  @Endpoint({
    summary: '项目时间线：闭环的全过程',
    description: '阶段流转、动态调整、路线图节点（项目库），调研发现、审议意见交办、问题销号与重新整改、延期、回头看和满意度测评结果（问题台账），按时间排列。',
    access: { roles: READER_ROLES, unit: { mode: 'resource', check: 'read', reason: '项目所属单位' } },
    params: IdParams,
    response: ProjectTimeline.response.extend({ incomplete: z.array(z.string()).describe('没有应答的服务：时间线缺少它们的记录') }),
  })
  async timeline(@Valid('params') p: z.infer<typeof IdParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.access.load(req, actor, p.id, 'read', requestId);
    // The loop spans services: project-library's stages and milestones, issue-tracking's opinions,
    // problems and evaluation results. A service that does not answer leaves a gap, said so.
    const [own, issues] = await Promise.allSettled([
      this.rpc.request(ProjectTimeline, { id: p.id }, { actor, requestId }),
      this.rpc.request(ProjectIssueTimeline, { projectId: p.id }, { actor, requestId }),
    ]);
    if (own.status === 'rejected') throw own.reason;
    const items = [...own.value.items, ...(issues.status === 'fulfilled' ? issues.value.items : [])].sort((a, b) => a.at.localeCompare(b.at));
    return { items, incomplete: issues.status === 'rejected' ? ['issue-tracking'] : [] };
  }

  @Get('battle-map')
  @Endpoint({
    summary: '挂图作战：一个单位一个年度的全部立项项目、路线图、施工表和健康状态',
    access: { roles: READER_ROLES, unit: { mode: 'caller', reason: '查询参数 unit 须为调用者可读的单位，先检查再查询' } },
    query: BattleMapQuery,
    response: BattleMap,
  })
  async battleMap(@Valid('query') q: z.infer<typeof BattleMapQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.scope.assert(req, actor, q.unit, 'read');
    return this.rpc.request(BattleMapGet, { unitCode: q.unit, year: q.year }, { actor, requestId });
  }
}
