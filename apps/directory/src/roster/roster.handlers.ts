import { LiaisonAdd, LiaisonRemove, RosterAdd, RosterRemove, RosterUpdate, UnitPeople } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { RosterService } from './roster.service.js';

/** A unit's people over NATS: each request is one call on the service. */
export const RosterHandlers = requestHandlers(RosterService, (on) => [
  on(UnitPeople, (roster, input) => roster.people(input.code, input)),
  on(RosterAdd, (roster, input, { actor }) => roster.add(actor, input)),
  on(RosterUpdate, (roster, input, { actor }) => roster.update(actor, input)),
  on(RosterRemove, (roster, input, { actor }) => roster.remove(actor, input)),
  on(LiaisonAdd, (roster, input, { actor }) => roster.addLiaison(actor, input)),
  on(LiaisonRemove, (roster, input, { actor }) => roster.removeLiaison(actor, input)),
]);
