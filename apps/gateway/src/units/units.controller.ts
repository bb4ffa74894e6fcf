import {
  Body,
  Committee,
  LiaisonAdd,
  LiaisonInput,
  LiaisonRemove,
  PageQuery,
  Person,
  PersonRole,
  RosterAdd,
  RosterMemberInput,
  RosterRemove,
  RosterUpdate,
  Unit,
  UnitBodies,
  UnitCode,
  UnitCommittees,
  UnitGet,
  UnitNode,
  UnitPeople,
  Uuid,
  pageOf,
  type Actor,
  ADMIN_ROLES,
  ALL_ROLES,
  READER_ROLES,
} from '@congress/contracts';
import { readableUnits } from '@congress/auth';
import { RpcClient } from '@congress/messaging';
import { Controller, Delete, Get, Inject, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid } from '../http/request-context.js';
import { UnitTreeService } from './unit-tree.service.js';



const CodeParams = z.object({ code: UnitCode });
const PersonParams = z.object({ code: UnitCode, personId: Uuid });
const BodyParams = z.object({ code: UnitCode, bodyId: Uuid });
const LiaisonParams = z.object({ code: UnitCode, bodyId: Uuid, personId: Uuid });
const Paging = PageQuery.strict();
const PeopleQuery = PageQuery.extend({ role: PersonRole.optional() }).strict();
const UpdateBody = z.object({ title: RosterUpdate.request.shape.title, expectedVersion: z.number().int().positive().optional() }).strict();

type Params = z.infer<typeof CodeParams>;

/** Units, their people, bodies and committees: served by directory over NATS. */
@ApiTags('单位 units')
@Controller('units')
export class UnitsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitTreeService) private readonly tree: UnitTreeService,
  ) {}

  @Get()
  @Endpoint({
    summary: '可见的单位树',
    description: '调用者本单位；省、市级单位的用户还能看到全部下级单位。',
    access: { roles: ALL_ROLES, unit: { mode: 'caller', reason: '只返回调用者本单位及其可读的下级单位' } },
    response: z.object({ items: z.array(UnitNode) }),
  })
  async list(@CurrentActor() actor: Actor) {
    await this.tree.refresh();
    if (!actor.unitCode) return { items: [] };
    const readable = readableUnits(actor, this.tree.all(), this.tree);
    const root = this.tree.subtree(actor.unitCode, readable.size > 1);
    return { items: root ? [root] : [] };
  }

  @Get(':code')
  @Endpoint({ summary: '单位详情', access: { roles: ALL_ROLES, unit: { mode: 'read', param: 'code' } }, params: CodeParams, response: Unit })
  async get(@Valid('params') p: Params, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(UnitGet, { code: p.code }, { actor, requestId });
  }

  @Get(':code/people')
  @Endpoint({
    summary: '单位人员（可按角色筛选）',
    access: { roles: READER_ROLES, unit: { mode: 'read', param: 'code' } },
    params: CodeParams,
    query: PeopleQuery,
    response: pageOf(Person),
  })
  async people(@Valid('params') p: Params, @Valid('query') q: z.infer<typeof PeopleQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(UnitPeople, { code: p.code, ...q }, { actor, requestId });
  }

  @Get(':code/bodies')
  @Endpoint({ summary: '被监督单位与承办单位', access: { roles: ALL_ROLES, unit: { mode: 'read', param: 'code' } }, params: CodeParams, query: Paging, response: pageOf(Body) })
  async bodies(@Valid('params') p: Params, @Valid('query') q: z.infer<typeof Paging>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(UnitBodies, { code: p.code, ...q }, { actor, requestId });
  }

  @Get(':code/committees')
  @Endpoint({ summary: '专门委员会与工作委员会', access: { roles: ALL_ROLES, unit: { mode: 'read', param: 'code' } }, params: CodeParams, query: Paging, response: pageOf(Committee) })
  async committees(@Valid('params') p: Params, @Valid('query') q: z.infer<typeof Paging>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(UnitCommittees, { code: p.code, ...q }, { actor, requestId });
  }

  @Post(':code/roster')
  @Endpoint({
    summary: '增加常委会组成人员',
    description: '写入组成人员名单并发布 `unit.roster-changed.v1`。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: CodeParams,
    body: RosterMemberInput.strict(),
    response: Person,
    status: 201,
  })
  async addMember(@Valid('params') p: Params, @Valid('body') body: z.infer<typeof RosterMemberInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(RosterAdd, { code: p.code, ...body }, { actor, requestId });
  }

  @Patch(':code/roster/:personId')
  @Endpoint({
    summary: '修改组成人员职务',
    description: '可带 expectedVersion 做乐观并发控制（版本不符返回 409）。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    body: UpdateBody,
    response: Person,
  })
  async updateMember(@Valid('params') p: z.infer<typeof PersonParams>, @Valid('body') body: z.infer<typeof UpdateBody>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(RosterUpdate, { code: p.code, personId: p.personId, ...body }, { actor, requestId });
  }

  @Delete(':code/roster/:personId')
  @Endpoint({
    summary: '移出组成人员名单',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    response: RosterRemove.response,
  })
  async removeMember(@Valid('params') p: z.infer<typeof PersonParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(RosterRemove, { code: p.code, personId: p.personId }, { actor, requestId });
  }

  @Post(':code/bodies/:bodyId/liaisons')
  @Endpoint({
    summary: '添加承办单位联络员',
    description: '联络员只能看到并办理本承办单位的问题；其登录账号随即自动开通（见 accounts）。发布 `body.liaison-changed.v1`。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: BodyParams,
    body: LiaisonInput.strict(),
    response: Person,
    status: 201,
  })
  async addLiaison(@Valid('params') p: z.infer<typeof BodyParams>, @Valid('body') body: z.infer<typeof LiaisonInput>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(LiaisonAdd, { ...p, ...body }, { actor, requestId });
  }

  @Delete(':code/bodies/:bodyId/liaisons/:personId')
  @Endpoint({
    summary: '移除承办单位联络员',
    description: '此人不再担任联络员；不再担任任何角色时，其账号随即停用。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: LiaisonParams,
    response: LiaisonRemove.response,
  })
  async removeLiaison(@Valid('params') p: z.infer<typeof LiaisonParams>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(LiaisonRemove, p, { actor, requestId });
  }
}
