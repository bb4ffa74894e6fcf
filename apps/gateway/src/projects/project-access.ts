import { ProjectGet, type Actor, type Project } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayRequest } from '../http/request-context.js';
import { UnitScope } from '../http/unit-scope.service.js';

/** The `resource` unit rule for projects: load the project, then apply the rule to its unit. */
@Injectable()
export class ProjectAccess {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitScope) private readonly scope: UnitScope,
  ) {}

  async load(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string): Promise<Project> {
    const project = await this.rpc.request(ProjectGet, { id }, { actor, requestId });
    await this.scope.assert(req, actor, project.unitCode, mode);
    return project;
  }
}
