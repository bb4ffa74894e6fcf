import { UnitRosterChanged } from './directory/directory.contracts.js';
import { ProjectProblemFacts } from './issues/issue.contracts.js';
import { ALL_REQUESTS } from './registry.js';
import type { EventContract, RequestContract, ServiceName } from './shared/define.js';
import { EvaluationClosed } from './voting/evaluation.contracts.js';

/**
 * Who may talk to whom on the message bus. Each service's NATS permissions are derived from this
 * table (libs/messaging/src/permissions.ts), so a call or a subscription that is not listed here is
 * refused by the NATS server itself, not only by convention; the RPC client and the event consumers
 * refuse unlisted ones at once with a clear error, before the server would.
 *
 * - A service serves the request subjects it owns (`contract.service`) and publishes the events it
 *   produces (`event.producer`); neither needs listing.
 * - The gateway calls every request subject: it is the API.
 * - Any other call between services, and every event a service consumes, is listed below.
 */
export const SERVICE_CALLS: Readonly<Partial<Record<ServiceName, readonly RequestContract[]>>> = {
  gateway: ALL_REQUESTS,
  // Closing a project (办结) asks whether its problems are all closed.
  'project-library': [ProjectProblemFacts],
};

export const EVENT_CONSUMERS: Readonly<Partial<Record<ServiceName, readonly EventContract[]>>> = {
  // An unsatisfied evaluation reopens the problems of its opinion.
  'issue-tracking': [EvaluationClosed],
  // The roster of members who may vote follows the directory.
  voting: [UnitRosterChanged],
};

export const callsOf = (service: ServiceName): readonly RequestContract[] => SERVICE_CALLS[service] ?? [];
export const consumedBy = (service: ServiceName): readonly EventContract[] => EVENT_CONSUMERS[service] ?? [];
export const servedBy = (service: ServiceName): readonly RequestContract[] => ALL_REQUESTS.filter((r) => r.service === service);
