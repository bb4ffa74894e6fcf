import {
  FindingCreate,
  FindingImport,
  FindingList,
  OpinionCreate,
  OpinionGet,
  OpinionList,
  OpinionTransmit,
  ProblemCreate,
  ProblemImport,
  ProjectIssueTimeline,
  type ParsedRequestOf,
} from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { OpinionsService } from './opinions.service.js';
import { ProjectTimelineService } from './project-timeline.service.js';

@Injectable()
export class OpinionsHandlers {
  constructor(
    @Inject(OpinionsService) private readonly opinions: OpinionsService,
    @Inject(ProjectTimelineService) private readonly timeline: ProjectTimelineService,
  ) {}

  @HandleRequest(ProjectIssueTimeline)
  async projectTimeline(input: ParsedRequestOf<typeof ProjectIssueTimeline>) {
    return { items: await this.timeline.entries(input.projectId) };
  }

  @HandleRequest(FindingCreate)
  async createFinding(input: ParsedRequestOf<typeof FindingCreate>, ctx: RequestContext) {
    const { projectId, unitCode, year, ...finding } = input;
    const [created] = await this.opinions.addFindings(ctx.actor, { projectId, unitCode, year }, [finding]);
    return created;
  }

  @HandleRequest(FindingImport)
  async importFindings(input: ParsedRequestOf<typeof FindingImport>, ctx: RequestContext) {
    const { findings, ...ref } = input;
    const created = await this.opinions.addFindings(ctx.actor, ref, findings);
    return { imported: created.length, ids: created.map((f) => f.id) };
  }

  @HandleRequest(FindingList)
  async findings(input: ParsedRequestOf<typeof FindingList>) {
    return { items: await this.opinions.findings(input.projectId) };
  }

  @HandleRequest(OpinionCreate)
  async createOpinion(input: ParsedRequestOf<typeof OpinionCreate>, ctx: RequestContext) {
    const { projectId, unitCode, year, ...opinion } = input;
    return this.opinions.createOpinion(ctx.actor, { projectId, unitCode, year }, opinion);
  }

  @HandleRequest(OpinionGet)
  async opinion(input: ParsedRequestOf<typeof OpinionGet>) {
    return this.opinions.opinion(input.id);
  }

  @HandleRequest(OpinionList)
  async opinionList(input: ParsedRequestOf<typeof OpinionList>) {
    return { items: await this.opinions.opinions(input.projectId) };
  }

  @HandleRequest(OpinionTransmit)
  async transmit(input: ParsedRequestOf<typeof OpinionTransmit>, ctx: RequestContext) {
    const { id, ...rest } = input;
    return this.opinions.transmit(ctx.actor, id, rest);
  }

  @HandleRequest(ProblemCreate)
  async createProblem(input: ParsedRequestOf<typeof ProblemCreate>, ctx: RequestContext) {
    const { opinionId, ...problem } = input;
    const [created] = await this.opinions.addProblems(ctx.actor, opinionId, [problem]);
    return created;
  }

  @HandleRequest(ProblemImport)
  async importProblems(input: ParsedRequestOf<typeof ProblemImport>, ctx: RequestContext) {
    const created = await this.opinions.addProblems(ctx.actor, input.opinionId, input.problems);
    return { imported: created.length, ids: created.map((p) => p.id) };
  }
}
