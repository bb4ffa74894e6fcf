import { readableUnits } from '@congress/auth';
import {
  AttendanceInput,
  BallotCast,
  BallotInput,
  Evaluation,
  EvaluationAttendance,
  EvaluationClose,
  EvaluationCreate,
  EvaluationGet,
  EvaluationInput,
  EvaluationList,
  EvaluationOpen,
  EvaluationPaperResult,
  EvaluationPostpone,
  EvaluationProgress,
  EvaluationProgressGet,
  EvaluationResult,
  EvaluationResultGet,
  EvaluationRosterGet,
  MyParticipation,
  MyParticipationGet,
  EvaluationRule,
  EvaluationRuleGet,
  EvaluationRuleSet,
  EvaluationStats,
  EvaluationStatsGet,
  EvaluationStatus,
  PageQuery,
  PaperResultInput,
  PostponeInput,
  RosterEntry,
  StatsQuery,
  UnitCode,
  Uuid,
  type Actor,
  OFFICE_ROLES,
  READER_ROLES,
  VOTER_ROLES,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Controller, Get, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid, type GatewayRequest } from '../http/request-context.js';
import { UnitScope, type Owner } from '../http/unit-scope.service.js';
import { EvaluationReferences } from './evaluation-references.js';
import { UnitTreeService } from '../units/unit-tree.service.js';

const IdParams = z.object({ id: Uuid });
type Id = z.infer<typeof IdParams>;
const read = { mode: 'resource', check: 'read', reason: '测评所属单位' } as const;
const write = { mode: 'resource', check: 'write', reason: '只能操作本单位的测评' } as const;
const ListQuery = PageQuery.extend({ unit: UnitCode.optional(), project: Uuid.optional(), status: EvaluationStatus.optional() }).strict();
const UnitParams = z.object({ unit: UnitCode });
const StatsHttpQuery = StatsQuery.extend({ unit: UnitCode }).strict();
/** How often the live progress stream asks voting for the count. */
const PROGRESS_POLL_MS = 1000;
/** voting's words for an evaluation that does not exist. */
const absentEvaluation = (id: string) => `测评 ${id} 不存在`;

/** 满意度测评 by secret ballot: served by voting. No endpoint shows who chose what. */
@ApiTags('满意度测评 evaluations')
@Controller()
export class EvaluationsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitScope) private readonly scope: UnitScope,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EvaluationReferences) private readonly references: EvaluationReferences,
  ) {}

  private async load(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string) {
    const evaluation = await this.rpc.request(EvaluationGet, { id }, { actor, requestId });
    await this.scope.assertResource(req, actor, evaluation.unitCode, mode, absentEvaluation(id));
    return evaluation;
  }

  /** The evaluation a write names, for UnitScope.byOwner. */
  private owner(actor: Actor, id: string, requestId: string): Owner {
    return { absent: absentEvaluation(id), unitOf: async () => (await this.rpc.request(EvaluationGet, { id }, { actor, requestId })).unitCode };
  }

  @Get('evaluations')
  @Endpoint({
    summary: '测评列表（按会议日期倒序）',
    access: { roles: READER_ROLES, unit: { mode: 'caller', reason: '只在调用者本单位及其可读的下级单位中查询；指定 unit 时先检查其可读' } },
    query: ListQuery,
    response: z.object({ items: z.array(Evaluation), nextCursor: z.string().nullable() }),
  })
  async list(@Valid('query') q: z.infer<typeof ListQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    let unitCodes: string[];
    if (q.unit) {
      await this.scope.assert(req, actor, q.unit, 'read');
      unitCodes = [q.unit];
    } else {
      await this.tree.refresh();
      unitCodes = [...readableUnits(actor, this.tree.all(), this.tree)];
    }
    if (unitCodes.length === 0) return { items: [], nextCursor: null };
    return this.rpc.request(EvaluationList, { unitCodes, projectId: q.project, status: q.status, limit: q.limit, cursor: q.cursor }, { actor, requestId });
  }

  @Post('evaluations')
  @Endpoint({
    summary: '组织一次满意度测评',
    description: '参加测评的组成人员名单以此刻本单位的常委会组成人员名单为准（此后名单变化不影响本次测评）；测评规则取本单位当前规则并随结果保存。',
    access: { roles: OFFICE_ROLES, unit: { mode: 'caller', reason: '在调用者本单位组织测评' } },
    body: EvaluationInput.strict(),
    response: Evaluation,
    status: 201,
  })
  async create(@Valid('body') body: z.infer<typeof EvaluationInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    await this.references.assertOwn(actor, body, requestId);
    return this.rpc.request(EvaluationCreate, { ...body, unitCode: actor.unitCode! }, { actor, requestId });
  }

  @Get('evaluations/stats')
  @Endpoint({
    summary: '满意度统计：总体、按年度、按承办单位',
    description: '满意度 =（满意 + 基本满意）/ 实际投票数。',
    access: { roles: READER_ROLES, unit: { mode: 'caller', reason: '查询参数 unit 须为调用者可读的单位，先检查再统计' } },
    query: StatsHttpQuery,
    response: EvaluationStats,
  })
  async stats(@Valid('query') q: z.infer<typeof StatsHttpQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.scope.assert(req, actor, q.unit, 'read');
    return this.rpc.request(EvaluationStatsGet, { unitCode: q.unit, from: q.from, to: q.to }, { actor, requestId });
  }

  @Get('evaluations/:id')
  @Endpoint({ summary: '测评（状态、出席与已投票人数）', access: { roles: READER_ROLES, unit: read }, params: IdParams, response: Evaluation })
  async get(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.load(req, actor, p.id, 'read', requestId);
  }

  @Get('evaluations/:id/roster')
  @Endpoint({ summary: '本次测评的组成人员名单与出席情况', description: '只有出席情况，没有任何投票信息。', access: { roles: READER_ROLES, unit: read }, params: IdParams, response: z.object({ items: z.array(RosterEntry) }) })
  async roster(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(EvaluationRosterGet, { id: p.id }, { actor, requestId });
  }

  @Get('evaluations/:id/me')
  @Endpoint({
    summary: '我在本次测评中的情况：是否在名单上、是否已签到、是否已投票',
    description: '只回答调用者本人，不含任何投票内容。投票页面据此显示签到、投票或「已投票」。',
    access: { roles: READER_ROLES, unit: read },
    params: IdParams,
    response: MyParticipation,
  })
  async mine(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(MyParticipationGet, { id: p.id }, { actor, requestId });
  }

  @Post('evaluations/:id/attendance')
  @Endpoint({
    summary: '签到：组成人员本人签到，或工作人员登记出席',
    description: '`{"self":true}` 本人签到；`{"present":[personId…],"absent":[personId…]}` 由工作人员登记。投票开始后不能登记缺席（不论此人是否已投票，以免泄露谁已投票）。',
    access: { roles: [...OFFICE_ROLES, 'member'], unit: write },
    params: IdParams,
    body: AttendanceInput,
    response: EvaluationProgress,
  })
  async attendance(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof AttendanceInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(EvaluationAttendance, { id: p.id, attendance: body }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Post('evaluations/:id/open')
  @Endpoint({ summary: '开始投票（须出席人数过半）', access: { roles: OFFICE_ROLES, unit: write }, params: IdParams, response: Evaluation })
  async open(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(EvaluationOpen, { id: p.id }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Post('evaluations/:id/ballots')
  @Endpoint({
    summary: '投票（无记名，本人一次，投出后不能更改或撤回）',
    description: '只有名单上已签到的组成人员可以投票。只记录「已投票」和一张不记名的选票，二者之间没有任何关联。',
    access: { roles: VOTER_ROLES, unit: write },
    params: IdParams,
    body: BallotInput.strict(),
    response: BallotCast.response,
    status: 201,
  })
  async cast(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof BallotInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    // One trip: casting is the busiest path of a meeting (hundreds within a second); voting refuses
    // a member of another unit itself.
    return this.scope.byOwner(req, actor, this.rpc.request(BallotCast, { id: p.id, choice: body.choice }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Get('evaluations/:id/progress')
  @ApiProduces('application/json', 'text/event-stream')
  @Endpoint({
    summary: '投票进度：已投票 / 出席 / 组成人员（主持屏）',
    description: '只有人数，从不显示投票方向。请求头 `Accept: text/event-stream` 时为服务器推送事件流：人数变化时推送 `progress` 事件，测评结束时推送最后一次并关闭。',
    access: { roles: READER_ROLES, unit: read },
    params: IdParams,
    response: EvaluationProgress,
  })
  async progress(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.load(req, actor, p.id, 'read', requestId);
    const first = await this.rpc.request(EvaluationProgressGet, { id: p.id }, { actor, requestId });
    if (!String(req.headers.accept ?? '').includes('text/event-stream')) return first;
    this.stream(reply, first, () => this.rpc.request(EvaluationProgressGet, { id: p.id }, { actor, requestId }));
    return reply;
  }

  /** Server-sent events: the count whenever it changes, a heartbeat comment in between. */
  private stream(reply: FastifyReply, first: z.infer<typeof EvaluationProgress>, next: () => Promise<z.infer<typeof EvaluationProgress>>) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    let last = '';
    let ticks = 0;
    const send = (progress: z.infer<typeof EvaluationProgress>) => {
      const data = JSON.stringify(progress);
      if (data !== last) raw.write(`event: progress\ndata: ${data}\n\n`);
      else if (++ticks % 15 === 0) raw.write(': keep-alive\n\n');
      last = data;
      if (progress.status === 'closed') end();
    };
    const timer = setInterval(() => {
      next().then(send, (error: unknown) => {
        this.logger.warn({ err: error }, 'progress stream: voting did not answer');
        raw.write(': voting unavailable, retrying\n\n');
      });
    }, PROGRESS_POLL_MS);
    const end = () => {
      clearInterval(timer);
      if (!raw.writableEnded) raw.end();
    };
    raw.on('close', end);
    send(first);
  }

  @Post('evaluations/:id/close')
  @Endpoint({
    summary: '结束投票并当场公布结果',
    description: '计票、按本次测评的规则定等次、保存结果（此后不可修改）、销毁选票箱，发布 `evaluation.closed.v1`。不满意的须在规定时间内作延期报告。',
    access: { roles: OFFICE_ROLES, unit: write },
    params: IdParams,
    response: EvaluationResult,
  })
  async close(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(EvaluationClose, { id: p.id }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Get('evaluations/:id/result')
  @Endpoint({ summary: '测评结果（结束前返回 409）', access: { roles: READER_ROLES, unit: read }, params: IdParams, response: EvaluationResult })
  async result(@Valid('params') p: Id, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    await this.load(req, actor, p.id, 'read', requestId);
    return this.rpc.request(EvaluationResultGet, { id: p.id }, { actor, requestId });
  }

  @Post('evaluations/:id/paper-result')
  @Endpoint({
    summary: '录入纸质选票或表决器的计票结果',
    description: '只录人数（满意、基本满意、不满意、未投票、出席），以及计票人和监票人姓名。',
    access: { roles: OFFICE_ROLES, unit: write },
    params: IdParams,
    body: PaperResultInput.strict(),
    response: EvaluationResult,
    status: 201,
  })
  async paperResult(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof PaperResultInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(EvaluationPaperResult, { id: p.id, ...body }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Post('evaluations/:id/postpone')
  @Endpoint({ summary: '延期测评（改期，不投票）', access: { roles: OFFICE_ROLES, unit: write }, params: IdParams, body: PostponeInput.strict(), response: Evaluation })
  async postpone(@Valid('params') p: Id, @Valid('body') body: z.infer<typeof PostponeInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string, @Req() req: GatewayRequest) {
    return this.scope.byOwner(req, actor, this.rpc.request(EvaluationPostpone, { id: p.id, ...body }, { actor, requestId }), this.owner(actor, p.id, requestId));
  }

  @Get('evaluation-rules/:unit')
  @Endpoint({ summary: '本单位的测评规则', access: { roles: READER_ROLES, unit: { mode: 'read', param: 'unit' } }, params: UnitParams, response: EvaluationRule })
  async rule(@Valid('params') p: z.infer<typeof UnitParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(EvaluationRuleGet, { unitCode: p.unit }, { actor, requestId });
  }

  @Put('evaluation-rules/:unit')
  @Endpoint({
    summary: '设置本单位的测评规则（单位管理员）',
    description: '法定人数（出席须超过组成人员的比例）、计票基数（出席人数或全体组成人员）、满意与基本满意的门槛、延期报告的月数。只影响此后组织的测评。',
    access: { roles: ['unit-admin'], unit: { mode: 'write', param: 'unit' } },
    params: UnitParams,
    body: EvaluationRule.strict(),
    response: EvaluationRule,
  })
  async setRule(@Valid('params') p: z.infer<typeof UnitParams>, @Valid('body') body: z.infer<typeof EvaluationRule>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(EvaluationRuleSet, { unitCode: p.unit, ...body }, { actor, requestId });
  }
}
