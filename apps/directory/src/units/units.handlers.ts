import { UnitBodies, UnitCommittees, UnitGet, UnitList } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { UnitsService } from './units.service.js';

/** NATS handlers: thin, the rules live in the service. (`directory.unit.people` is the roster feature's.) */
export const UnitsHandlers = requestHandlers(UnitsService, (on) => [
  on(UnitList, async (units) => ({ items: await units.list() })),
  on(UnitGet, (units, { code }) => units.get(code)),
  on(UnitBodies, (units, input) => units.bodies(input.code, input)),
  on(UnitCommittees, (units, input) => units.committees(input.code, input)),
]);
