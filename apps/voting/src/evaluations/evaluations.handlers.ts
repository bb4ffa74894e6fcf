import {
  BallotCast,
  EvaluationAttendance,
  EvaluationClose,
  EvaluationCreate,
  EvaluationGet,
  EvaluationList,
  EvaluationOpen,
  EvaluationPaperResult,
  EvaluationPostpone,
  EvaluationProgressGet,
  EvaluationResultGet,
  EvaluationRosterGet,
  MyParticipationGet,
  EvaluationRuleGet,
  EvaluationRuleSet,
  EvaluationStatsGet,
  EvaluationUnitGet,
} from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { EvaluationsService } from './evaluations.service.js';

/** Satisfaction evaluations over NATS: each request is one call on the service. */
export const EvaluationsHandlers = requestHandlers(EvaluationsService, (on) => [
  on(EvaluationCreate, (evaluations, { unitCode, ...evaluation }, { actor }) => evaluations.create(actor, unitCode, evaluation)),
  on(EvaluationGet, (evaluations, { id }, { actor }) => evaluations.get(actor, id)),
  on(EvaluationUnitGet, (evaluations, { id }) => evaluations.unitOf(id)),
  on(EvaluationList, (evaluations, query, { actor }) => evaluations.list(actor, query)),
  on(EvaluationRosterGet, (evaluations, { id }) => evaluations.roster(id)),
  on(MyParticipationGet, (evaluations, { id }, { actor }) => evaluations.mine(actor, id)),
  on(EvaluationAttendance, (evaluations, { id, attendance }, { actor }) => evaluations.attendance(actor, id, attendance)),
  on(EvaluationOpen, (evaluations, { id }, { actor }) => evaluations.open(actor, id)),
  // Nothing about a ballot is logged here or below: not the member, not the choice.
  on(BallotCast, (evaluations, { id, choice }, { actor }) => evaluations.cast(actor, id, choice)),
  on(EvaluationProgressGet, (evaluations, { id }) => evaluations.progress(id)),
  on(EvaluationClose, (evaluations, { id }, { actor }) => evaluations.close(actor, id)),
  on(EvaluationResultGet, (evaluations, { id }) => evaluations.result(id)),
  on(EvaluationPaperResult, (evaluations, { id, ...paper }, { actor }) => evaluations.paperResult(actor, id, paper)),
  on(EvaluationPostpone, (evaluations, { id, ...rest }, { actor }) => evaluations.postpone(actor, id, rest)),
  on(EvaluationRuleGet, (evaluations, { unitCode }) => evaluations.rule(unitCode)),
  on(EvaluationRuleSet, (evaluations, { unitCode, ...rule }, { actor }) => evaluations.setRule(actor, unitCode, rule)),
  on(EvaluationStatsGet, (evaluations, { unitCode, from, to }) => evaluations.stats(unitCode, from, to)),
]);
