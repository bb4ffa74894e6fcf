import { ProjectCreate, ProjectDetailGet, ProjectGet, ProjectImport, ProjectList, ProjectTransition, ProjectUpdate, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectsService } from './projects.service.js';

@Injectable()
export class ProjectsHandlers {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @HandleRequest(ProjectCreate)
  async create(input: ParsedRequestOf<typeof ProjectCreate>, ctx: RequestContext) {
    const { unitCode, ...fields } = input;
    return this.projects.create(ctx.actor, unitCode, fields);
  }

  @HandleRequest(ProjectGet)
  async get(input: ParsedRequestOf<typeof ProjectGet>) {
    return this.projects.get(input.id);
  }

  @HandleRequest(ProjectImport)
  async importMany(input: ParsedRequestOf<typeof ProjectImport>, ctx: RequestContext) {
    return this.projects.importMany(ctx.actor, input.unitCode, input.projects);
  }

  @HandleRequest(ProjectDetailGet)
  async detail(input: ParsedRequestOf<typeof ProjectDetailGet>) {
    return this.projects.detail(input.id);
  }

  @HandleRequest(ProjectList)
  async list(input: ParsedRequestOf<typeof ProjectList>) {
    return this.projects.list(input);
  }

  @HandleRequest(ProjectUpdate)
  async update(input: ParsedRequestOf<typeof ProjectUpdate>, ctx: RequestContext) {
    const { id, expectedVersion, ...changes } = input;
    return this.projects.update(ctx.actor, id, expectedVersion, changes);
  }

  @HandleRequest(ProjectTransition)
  async transition(input: ParsedRequestOf<typeof ProjectTransition>, ctx: RequestContext) {
    const { id, ...rest } = input;
    return this.projects.transition(ctx.actor, id, rest);
  }
}
