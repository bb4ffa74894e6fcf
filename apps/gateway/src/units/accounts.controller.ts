import {
  ADMIN_ROLES,
  AccountIssuePassword,
  AccountLink,
  AccountList,
  AccountRetry,
  AccountUnlink,
  PageQuery,
  PersonAccount,
  UnitCode,
  Username,
  Uuid,
  pageOf,
  type Actor,
} from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Controller, Get, Header, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator.js';
import { CurrentActor, RequestId, Valid } from '../http/request-context.js';

const CodeParams = z.object({ code: UnitCode });
const PersonParams = z.object({ code: UnitCode, personId: Uuid });
const ListQuery = PageQuery.extend({
  missing: z
    .enum(['true', 'false'], { error: '必须是 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
}).strict();
const LinkBody = z.object({ username: Username }).strict();

type PersonTarget = z.infer<typeof PersonParams>;

/**
 * People's sign-in accounts at the identity provider (issue 12): who has none and why, and what the
 * office does about it. Accounts are made by the directory from roster and liaison changes; these
 * endpoints never wait for the identity provider, except issuing a password.
 */
@ApiTags('账号 accounts')
@Controller('units/:code/accounts')
export class AccountsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @Endpoint({
    summary: '人员账号开通情况',
    description: '`missing=true` 只列出担任角色却还不能登录的人（未开通、开通中、开通失败、已解除关联），附身份认证服务的最近错误。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'read', param: 'code' } },
    params: CodeParams,
    query: ListQuery,
    response: pageOf(PersonAccount),
  })
  async list(@Valid('params') p: z.infer<typeof CodeParams>, @Valid('query') q: z.infer<typeof ListQuery>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(AccountList, { code: p.code, ...q }, { actor, requestId });
  }

  @Post(':personId/link')
  @Endpoint({
    summary: '关联已有账号（或改用另一个登录名）',
    description: '此人改用登录名 `username`：身份认证服务中已有该账号则关联，没有则新建；原先关联的另一个账号随即停用。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    body: LinkBody,
    response: PersonAccount,
  })
  async link(@Valid('params') p: PersonTarget, @Valid('body') body: z.infer<typeof LinkBody>, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(AccountLink, { ...p, username: body.username }, { actor, requestId });
  }

  @Post(':personId/unlink')
  @Endpoint({
    summary: '解除账号关联',
    description: '此人不再能用该账号登录，账号在身份认证服务中停用；之后可再关联。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    response: PersonAccount,
  })
  async unlink(@Valid('params') p: PersonTarget, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(AccountUnlink, p, { actor, requestId });
  }

  @Post(':personId/retry')
  @Endpoint({
    summary: '立即重新开通',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    response: PersonAccount,
  })
  async retry(@Valid('params') p: PersonTarget, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(AccountRetry, p, { actor, requestId });
  }

  @Post(':personId/initial-password')
  @Endpoint({
    summary: '发放初始密码（或重置密码）',
    description: '生成一次性初始密码，只在此响应中出现一次（平台不保存）；本人首次登录时必须修改。',
    access: { roles: ADMIN_ROLES, unit: { mode: 'write', param: 'code' } },
    params: PersonParams,
    response: AccountIssuePassword.response,
  })
  @Header('Cache-Control', 'no-store')
  async issuePassword(@Valid('params') p: PersonTarget, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.rpc.request(AccountIssuePassword, p, { actor, requestId });
  }
}
