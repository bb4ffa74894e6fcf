import {
  EvaluationClosed,
  OpinionCreate,
  OpinionGet,
  OpinionList,
  OpinionTransmit,
  ProblemCreate,
  ProblemImport,
  ProjectProblemFacts,
  type EventEnvelope,
  type ParsedRequestOf,
  type PayloadOf,
} from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleEvent, HandleRequest, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OpinionsService } from './opinions.service.js';

type Evaluation = PayloadOf<typeof EvaluationClosed>;

@Injectable()
export class OpinionsHandlers {
  constructor(
    @Inject(OpinionsService) private readonly opinions: OpinionsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @HandleRequest(OpinionCreate)
  async create(input: ParsedRequestOf<typeof OpinionCreate>, ctx: RequestContext) {
    const { projectId, unitCode, year, ...opinion } = input;
    return this.opinions.create(ctx.actor, { projectId, unitCode, year }, opinion);
  }

  @HandleRequest(OpinionGet)
  async get(input: ParsedRequestOf<typeof OpinionGet>, ctx: RequestContext) {
    return this.opinions.get(ctx.actor, input.id);
  }

  @HandleRequest(OpinionList)
  async list(input: ParsedRequestOf<typeof OpinionList>, ctx: RequestContext) {
    return { items: await this.opinions.list(ctx.actor, input.projectId) };
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

  @HandleRequest(ProjectProblemFacts)
  async projectFacts(input: ParsedRequestOf<typeof ProjectProblemFacts>) {
    return this.opinions.projectFacts(input.projectId);
  }

  /** A failed satisfaction evaluation sends the opinion's problems back to rectification. */
  @HandleEvent(EvaluationClosed)
  async onEvaluationClosed(payload: Evaluation, envelope: EventEnvelope<Evaluation>, m: EntityManager): Promise<void> {
    const reopened = await this.opinions.applyEvaluation(m, payload);
    if (reopened) this.logger.info({ evaluationId: payload.evaluationId, opinionId: payload.opinionId, reopened, eventId: envelope.id }, 'failed evaluation reopened problems');
  }
}
