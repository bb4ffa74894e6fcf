import { AdjustmentAdd, AdjustmentList, BattleMapGet, PlanGet, ProjectTimeline, type ParsedRequestOf } from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { PlansService } from './plans.service.js';

@Injectable()
export class PlansHandlers {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  @HandleRequest(AdjustmentAdd)
  async adjust({ projectId, ...adjustment }: ParsedRequestOf<typeof AdjustmentAdd>, ctx: RequestContext) {
    return this.plans.adjust(ctx.actor, projectId, adjustment);
  }

  @HandleRequest(AdjustmentList)
  async adjustments(input: ParsedRequestOf<typeof AdjustmentList>) {
    return { items: await this.plans.adjustments(input.projectId) };
  }

  @HandleRequest(ProjectTimeline)
  async timeline(input: ParsedRequestOf<typeof ProjectTimeline>) {
    return this.plans.timeline(input.id);
  }

  @HandleRequest(PlanGet)
  async plan(input: ParsedRequestOf<typeof PlanGet>) {
    return this.plans.plan(input.unitCode, input.year);
  }

  @HandleRequest(BattleMapGet)
  async battleMap(input: ParsedRequestOf<typeof BattleMapGet>) {
    return this.plans.battleMap(input.unitCode, input.year);
  }
}
