import { AdjustmentAdd, AdjustmentList, BattleMapGet, PlanGet, ProjectTimeline } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { PlansService } from './plans.service.js';

/** Plans, adjustments and the battle map over NATS: each request is one call on the service. */
export const PlansHandlers = requestHandlers(PlansService, (on) => [
  on(AdjustmentAdd, (plans, { projectId, ...adjustment }, { actor }) => plans.adjust(actor, projectId, adjustment)),
  on(AdjustmentList, async (plans, { projectId }) => ({ items: await plans.adjustments(projectId) })),
  on(ProjectTimeline, (plans, { id }) => plans.timeline(id)),
  on(PlanGet, (plans, { unitCode, year }) => plans.plan(unitCode, year)),
  on(BattleMapGet, (plans, { unitCode, year }) => plans.battleMap(unitCode, year)),
]);
