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
  type ParsedRequestOf,
} from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { EvaluationsService } from './evaluations.service.js';

@Injectable()
export class EvaluationsHandlers {
  constructor(@Inject(EvaluationsService) private readonly evaluations: EvaluationsService) {}

  @HandleRequest(EvaluationCreate)
  async create(input: ParsedRequestOf<typeof EvaluationCreate>, ctx: RequestContext) {
    const { unitCode, ...evaluation } = input;
    return this.evaluations.create(ctx.actor, unitCode, evaluation);
  }

  @HandleRequest(EvaluationGet)
  async get(input: ParsedRequestOf<typeof EvaluationGet>, ctx: RequestContext) {
    return this.evaluations.get(ctx.actor, input.id);
  }

  @HandleRequest(EvaluationUnitGet)
  async unit(input: ParsedRequestOf<typeof EvaluationUnitGet>) {
    return this.evaluations.unitOf(input.id);
  }

  @HandleRequest(EvaluationList)
  async list(input: ParsedRequestOf<typeof EvaluationList>, ctx: RequestContext) {
    return this.evaluations.list(ctx.actor, input);
  }

  @HandleRequest(EvaluationRosterGet)
  async roster(input: ParsedRequestOf<typeof EvaluationRosterGet>) {
    return this.evaluations.roster(input.id);
  }

  @HandleRequest(MyParticipationGet)
  async mine(input: ParsedRequestOf<typeof MyParticipationGet>, ctx: RequestContext) {
    return this.evaluations.mine(ctx.actor, input.id);
  }

  @HandleRequest(EvaluationAttendance)
  async attendance(input: ParsedRequestOf<typeof EvaluationAttendance>, ctx: RequestContext) {
    return this.evaluations.attendance(ctx.actor, input.id, input.attendance);
  }

  @HandleRequest(EvaluationOpen)
  async open(input: ParsedRequestOf<typeof EvaluationOpen>, ctx: RequestContext) {
    return this.evaluations.open(ctx.actor, input.id);
  }

  // Nothing about a ballot is logged here or below: not the member, not the choice.
  @HandleRequest(BallotCast)
  async cast(input: ParsedRequestOf<typeof BallotCast>, ctx: RequestContext) {
    return this.evaluations.cast(ctx.actor, input.id, input.choice);
  }

  @HandleRequest(EvaluationProgressGet)
  async progress(input: ParsedRequestOf<typeof EvaluationProgressGet>) {
    return this.evaluations.progress(input.id);
  }

  @HandleRequest(EvaluationClose)
  async close(input: ParsedRequestOf<typeof EvaluationClose>, ctx: RequestContext) {
    return this.evaluations.close(ctx.actor, input.id);
  }

  @HandleRequest(EvaluationResultGet)
  async result(input: ParsedRequestOf<typeof EvaluationResultGet>) {
    return this.evaluations.result(input.id);
  }

  @HandleRequest(EvaluationPaperResult)
  async paperResult(input: ParsedRequestOf<typeof EvaluationPaperResult>, ctx: RequestContext) {
    const { id, ...paper } = input;
    return this.evaluations.paperResult(ctx.actor, id, paper);
  }

  @HandleRequest(EvaluationPostpone)
  async postpone(input: ParsedRequestOf<typeof EvaluationPostpone>, ctx: RequestContext) {
    const { id, ...rest } = input;
    return this.evaluations.postpone(ctx.actor, id, rest);
  }

  @HandleRequest(EvaluationRuleGet)
  async rule(input: ParsedRequestOf<typeof EvaluationRuleGet>) {
    return this.evaluations.rule(input.unitCode);
  }

  @HandleRequest(EvaluationRuleSet)
  async setRule(input: ParsedRequestOf<typeof EvaluationRuleSet>, ctx: RequestContext) {
    const { unitCode, ...rule } = input;
    return this.evaluations.setRule(ctx.actor, unitCode, rule);
  }

  @HandleRequest(EvaluationStatsGet)
  async stats(input: ParsedRequestOf<typeof EvaluationStatsGet>) {
    return this.evaluations.stats(input.unitCode, input.from, input.to);
  }
}
