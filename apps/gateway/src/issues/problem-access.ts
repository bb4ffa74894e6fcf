import { OpinionGet, ProblemGet, type Actor, type Opinion, type ProblemInput, type ProblemItem } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayRequest } from '../http/request-context.js';
import type { Reference } from '../http/unit-references.js';
import { UnitScope, type Owner } from '../http/unit-scope.service.js';

/** The bodies a problem's input names: its responsible and co-responsible bodies, of the caller's unit. */
export function problemReferences(input: Partial<Pick<ProblemInput, 'responsibleBodyId' | 'coBodyIds'>>): Reference[] {
  return [
    { field: 'body.responsibleBodyId', kind: 'body', ids: input.responsibleBodyId },
    { field: 'body.coBodyIds', kind: 'body', ids: input.coBodyIds },
  ];
}

/**
 * The `resource` unit rule for opinions and problems: load the thing, then apply the rule to its
 * unit. issue-tracking itself answers 404 to a body liaison asking for another body's problem.
 */
@Injectable()
export class IssueAccess {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitScope) private readonly scope: UnitScope,
  ) {}

  async problem(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string): Promise<ProblemItem> {
    const problem = await this.rpc.request(ProblemGet, { id }, { actor, requestId });
    await this.scope.assertResource(req, actor, problem.unitCode, mode, `问题 ${id} 不存在`);
    return problem;
  }

  async opinion(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string): Promise<Opinion> {
    const opinion = await this.rpc.request(OpinionGet, { id }, { actor, requestId });
    await this.scope.assertResource(req, actor, opinion.unitCode, mode, `审议意见 ${id} 不存在`);
    return opinion;
  }

  /** The problem a write names, for UnitScope.byOwner. */
  problemOwner(actor: Actor, id: string, requestId: string): Owner {
    return { absent: `问题 ${id} 不存在`, unitOf: async () => (await this.rpc.request(ProblemGet, { id }, { actor, requestId })).unitCode };
  }

  /** The opinion a write names, for UnitScope.byOwner. */
  opinionOwner(actor: Actor, id: string, requestId: string): Owner {
    return { absent: `审议意见 ${id} 不存在`, unitOf: async () => (await this.rpc.request(OpinionGet, { id }, { actor, requestId })).unitCode };
  }
}
