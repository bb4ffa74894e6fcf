import { z } from 'zod';

/** The services of the platform. A service name is the queue group and consumer prefix on NATS. */
export const SERVICES = [
  'gateway',
  'directory',
  'project-library',
  'issue-tracking',
  'supervision-scheduling',
  'voting',
  'publication',
  'personnel-assessment',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * A request/reply contract: `<service>.<aggregate>.<verb>`, served by one service's queue group.
 * WARNING: subjects are wire-level names. Never change the meaning of one that has shipped;
 * add a new subject instead.
 */
export interface RequestContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly subject: string;
  readonly service: ServiceName;
  readonly request: Req;
  readonly response: Res;
}

export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(def: {
  subject: string;
  service: ServiceName;
  request: Req;
  response: Res;
}): RequestContract<Req, Res> {
  if (!def.subject.startsWith(`${def.service}.`)) {
    throw new Error(`request subject ${def.subject} must start with its service name ${def.service}.`);
  }
  return { kind: 'request', ...def };
}

/**
 * A domain event: `<aggregate>.<fact>.v<N>`, published by exactly one service into its stream.
 * WARNING: event names are wire-level names. A breaking change is a new version (`.v2`).
 */
export interface EventContract<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly name: string;
  readonly producer: ServiceName;
  readonly payload: P;
}

const EVENT_NAME = /^[a-z][a-z-]*\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

export function defineEvent<P extends z.ZodType>(def: { name: string; producer: ServiceName; payload: P }): EventContract<P> {
  if (!EVENT_NAME.test(def.name)) throw new Error(`event name ${def.name} must look like <aggregate>.<fact>.v<N>`);
  return { kind: 'event', ...def };
}

export type RequestOf<C extends RequestContract> = z.input<C['request']>;
export type ParsedRequestOf<C extends RequestContract> = z.output<C['request']>;
export type ResponseOf<C extends RequestContract> = z.output<C['response']>;
export type PayloadOf<C extends EventContract> = z.output<C['payload']>;

/** What travels on a stream: the payload wrapped with the facts every consumer needs. */
export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string(),
  occurredAt: z.string(),
  unitCode: z.string().nullable(),
  /**
   * The service whose outbox relay published the event (set by the relay). A consumer accepts an
   * event only from the service that owns its name (EventContract.producer); NATS publish
   * permissions make sure a service can publish only its own events.
   */
  producer: z.string().optional(),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

/** Each service's events live in one stream named after it, capturing `<aggregate>.>` of its aggregates. */
export function streamName(service: ServiceName): string {
  return `EVENTS_${service.toUpperCase().replace(/-/g, '_')}`;
}

/** Failed events land here after the last retry, as `dlq.<consumer>.<event name>`. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_PREFIX = 'dlq';
