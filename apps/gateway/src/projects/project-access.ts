import { ProjectGet, type Actor, type Project, type ProjectInput } from '@congress/contracts';
import { RpcClient } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayRequest } from '../http/request-context.js';
import type { Reference } from '../http/unit-references.js';
import { UnitScope, type Owner } from '../http/unit-scope.service.js';

/** The directory ids a project's input names (under `at`: `body`, or `body.changes` of an adjustment), each of which must be of the caller's unit. */
export function projectReferences(input: Partial<Pick<ProjectInput, 'supervisedBodyIds' | 'leadCommitteeId' | 'leaderPersonId' | 'leadSpeakerIds' | 'ownerPersonId'>>, at = 'body'): Reference[] {
  return [
    { field: `${at}.supervisedBodyIds`, kind: 'body', ids: input.supervisedBodyIds },
    { field: `${at}.leadCommitteeId`, kind: 'committee', ids: input.leadCommitteeId },
    { field: `${at}.leaderPersonId`, kind: 'person', ids: input.leaderPersonId },
    { field: `${at}.leadSpeakerIds`, kind: 'person', ids: input.leadSpeakerIds },
    { field: `${at}.ownerPersonId`, kind: 'person', ids: input.ownerPersonId },
  ];
}

/** project-library's words for a project that does not exist. */
export const absentProject = (id: string) => `项目 ${id} 不存在`;

/** The `resource` unit rule for projects: load the project, then apply the rule to its unit. */
@Injectable()
export class ProjectAccess {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(UnitScope) private readonly scope: UnitScope,
  ) {}

  async load(req: GatewayRequest, actor: Actor, id: string, mode: 'read' | 'write', requestId: string): Promise<Project> {
    const project = await this.rpc.request(ProjectGet, { id }, { actor, requestId });
    await this.scope.assertResource(req, actor, project.unitCode, mode, absentProject(id));
    return project;
  }

  /** The project a write names, for UnitScope.byOwner. */
  owner(actor: Actor, id: string, requestId: string): Owner {
    return { absent: absentProject(id), unitOf: async () => (await this.rpc.request(ProjectGet, { id }, { actor, requestId })).unitCode };
  }
}
