import { OpinionGet, ProblemGet, type Actor, type Opinion, type ProblemInput, type ProblemItem } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayRequest } from '../http/request-context.js';
import type { Reference } from '../http/unit-references.js';
import { UnitScope } from '../http/unit-scope.service.js';

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
    await this.scope.assert(req, actor, problem.unitCode, mode);
    return problem;
  }

  async opinion(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string): Promise<Opinion> {
    const opinion = await this.rpc.request(OpinionGet, { id }, { actor, requestId });
    await this.scope.assert(req, actor, opinion.unitCode, mode);
    return opinion;
  }
}
