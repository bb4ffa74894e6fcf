import { ProjectCreate, ProjectGet, ProjectImport, ProjectList, ProjectTransition, ProjectUpdate, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectsService } from './projects.service.js';

@Injectable()
export class ProjectsHandlers {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @HandleRequest(ProjectCreate)
  async create({ unitCode, ...fields }: ParsedRequestOf<typeof ProjectCreate>, ctx: RequestContext) {
    return this.projects.create(ctx.actor, unitCode, fields);
  }

  @HandleRequest(ProjectImport)
  async importMany(input: ParsedRequestOf<typeof ProjectImport>, ctx: RequestContext) {
    return this.projects.importMany(ctx.actor, input.unitCode, input.projects);
  }

  @HandleRequest(ProjectGet)
  async get(input: ParsedRequestOf<typeof ProjectGet>, ctx: RequestContext) {
    return this.projects.get(ctx.actor, input.id);
  }

  @HandleRequest(ProjectList)
  async list(input: ParsedRequestOf<typeof ProjectList>, ctx: RequestContext) {
    return this.projects.list(ctx.actor, input);
  }

  @HandleRequest(ProjectUpdate)
  async update({ id, expectedVersion, ...changes }: ParsedRequestOf<typeof ProjectUpdate>, ctx: RequestContext) {
    return this.projects.update(ctx.actor, id, expectedVersion, changes);
  }

  @HandleRequest(ProjectTransition)
  async transition({ id, ...move }: ParsedRequestOf<typeof ProjectTransition>, ctx: RequestContext) {
    return this.projects.transition(ctx.actor, id, move);
  }
}
