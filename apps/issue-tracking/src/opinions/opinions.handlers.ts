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
  type PayloadOf,
} from '@congress/contracts';
import { HandleEvent, LOGGER, requestHandlers } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OpinionsService } from './opinions.service.js';

type Evaluation = PayloadOf<typeof EvaluationClosed>;

/** Opinions and the problems they raise, over NATS: each request is one call on the service. */
export const OpinionsHandlers = requestHandlers(OpinionsService, (on) => [
  on(OpinionCreate, (opinions, { projectId, unitCode, year, ...opinion }, { actor }) => opinions.create(actor, { projectId, unitCode, year }, opinion)),
  on(OpinionGet, (opinions, { id }, { actor }) => opinions.get(actor, id)),
  on(OpinionList, async (opinions, { projectId }, { actor }) => ({ items: await opinions.list(actor, projectId) })),
  on(OpinionTransmit, (opinions, { id, ...rest }, { actor }) => opinions.transmit(actor, id, rest)),
  on(ProblemCreate, async (opinions, { opinionId, ...problem }, { actor }) => {
    const [created] = await opinions.addProblems(actor, opinionId, [problem]);
    return created;
  }),
  on(ProblemImport, async (opinions, { opinionId, problems }, { actor }) => {
    const created = await opinions.addProblems(actor, opinionId, problems);
    return { imported: created.length, ids: created.map((p) => p.id) };
  }),
  on(ProjectProblemFacts, (opinions, { projectId }) => opinions.projectFacts(projectId)),
]);

/** The events opinions consume; each runs in the inbox transaction. */
@Injectable()
export class OpinionsEvents {
  constructor(
    @Inject(OpinionsService) private readonly opinions: OpinionsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A failed satisfaction evaluation sends the opinion's problems back to rectification. */
  @HandleEvent(EvaluationClosed)
  async onEvaluationClosed(payload: Evaluation, envelope: EventEnvelope<Evaluation>, m: EntityManager): Promise<void> {
    const reopened = await this.opinions.applyEvaluation(m, payload);
    if (reopened) this.logger.info({ evaluationId: payload.evaluationId, opinionId: payload.opinionId, reopened, eventId: envelope.id }, 'failed evaluation reopened problems');
  }
}
