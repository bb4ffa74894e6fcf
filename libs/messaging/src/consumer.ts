import { EventEnvelope, consumedBy, type EventContract, type PayloadOf, type ServiceName } from '@congress/contracts';
import { SpanKind, extractTraceContext, withSpan, type Logger } from '@congress/telemetry';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import { awaitEventStream, ensureDeadLetterStream, streamExists, type StreamSettings } from './streams.js';
import type { WireNames } from './wire.js';

export interface EventHandlerBinding<C extends EventContract = EventContract> {
  event: C;
  /** Runs inside a transaction that also records the event in the inbox: commit both or neither. */
  handle: (payload: PayloadOf<C>, envelope: EventEnvelope<PayloadOf<C>>, manager: EntityManager) => Promise<void>;
  /** Attempts before the event goes to the dead-letter subject. */
  maxAttempts?: number;
  /** Delay before each retry, by attempt; the last value repeats. */
  backoffMs?: number[];
}

export function bindEvent<C extends EventContract>(event: C, handle: EventHandlerBinding<C>['handle'], options: Partial<Pick<EventHandlerBinding<C>, 'maxAttempts' | 'backoffMs'>> = {}): EventHandlerBinding {
  return { event, handle, ...options } as unknown as EventHandlerBinding;
}

/**
 * Thrown by a handler for a well-formed event it must not apply (it names an entity of another
 * unit, or contradicts a decision in force): nothing it did is kept, and the event goes straight to
 * the dead letters with the reason, without retries, since it would fail the same way every time.
 */
export class RejectedEvent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RejectedEvent';
  }
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = [1000, 5000, 30000, 120000];

export interface EventConsumersOptions {
  service: ServiceName;
  js: JetStreamClient;
  jsm: JetStreamManager;
  dataSource: DataSource;
  wire: WireNames;
  logger: Logger;
  streams: StreamSettings;
}

type Outcome = 'handled' | 'duplicate';

/**
 * Durable JetStream consumers, one per (service, event), shared by all replicas of the service.
 * Each event is handled at most once per service (the inbox), retried with backoff on failure,
 * and sent to the dead-letter stream after the last attempt.
 */
export class EventConsumers {
  private readonly running: { messages: ConsumerMessages; loop: Promise<void> }[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiting = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: EventConsumersOptions) {}

  async start(bindings: EventHandlerBinding[]): Promise<void> {
    const { jsm, wire, service, streams } = this.options;
    if (bindings.length === 0) return;
    const undeclared = bindings.filter((b) => !consumedBy(service).includes(b.event));
    if (undeclared.length > 0) {
      throw new Error(`${service} consumes ${undeclared.map((b) => b.event.name).join(', ')} without a line in EVENT_CONSUMERS (libs/contracts/src/trust.ts): its NATS permissions would refuse it`);
    }
    await ensureDeadLetterStream(jsm, wire, streams);
    for (const binding of bindings) {
      const stream = wire.eventStream(binding.event.producer);
      if (await streamExists(jsm, stream)) {
        await this.consume(binding, stream);
        continue;
      }
      // The producer has never started (a first install, a test without it): serve requests now, and
      // consume as soon as its stream appears. Events are kept in the stream until then.
      this.options.logger.warn({ stream, event: binding.event.name }, `stream ${stream} does not exist yet: ${binding.event.producer} has not started; its events will be consumed once it has`);
      const waiting = awaitEventStream(jsm, wire, binding.event.producer, { signal: this.stopping.signal })
        .then((name) => (this.stopping.signal.aborted ? undefined : this.consume(binding, name)))
        .catch((error: unknown) => {
          if (!this.stopping.signal.aborted) this.options.logger.error({ err: error, event: binding.event.name }, 'could not start consuming');
        });
      this.waiting.add(waiting);
      void waiting.finally(() => this.waiting.delete(waiting));
    }
  }

  private async consume(binding: EventHandlerBinding, stream: string): Promise<void> {
    const { jsm, js, wire, service } = this.options;
    const durable = wire.durable(service, binding.event);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: wire.subject(binding.event.name),
      max_deliver: binding.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ack_wait: 30_000_000_000,
    };
    try {
      await jsm.consumers.info(stream, durable);
      await jsm.consumers.update(stream, durable, { max_deliver: config.max_deliver, ack_wait: config.ack_wait });
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
      await jsm.consumers.add(stream, config);
    }
    const consumer = await js.consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: 16 });
    const loop = (async () => {
      for await (const msg of messages) {
        const work = this.process(binding, msg);
        this.inFlight.add(work);
        await work.finally(() => this.inFlight.delete(work));
      }
    })();
    this.running.push({ messages, loop });
  }

  private async process(binding: EventHandlerBinding, msg: JsMsg): Promise<void> {
    const { dataSource, service, logger } = this.options;
    const consumer = `${service}:${binding.event.name}`;
    const parent = extractTraceContext((k) => msg.headers?.get(k) || undefined);
    await withSpan(`${binding.event.name} process`, { kind: SpanKind.CONSUMER, parent, attributes: { 'messaging.system': 'nats', 'messaging.consumer.group.name': service } }, async () => {
      let envelope: EventEnvelope<unknown>;
      let payload: unknown;
      try {
        envelope = EventEnvelope.parse(msg.json());
        payload = binding.event.payload.parse(envelope.payload);
      } catch (error) {
        // A message that breaks its contract will never succeed: no retries.
        await this.deadLetter(binding, msg, error, 'invalid');
        return;
      }
      if (envelope.producer !== binding.event.producer) {
        // Only the service that owns an event may announce it; anything else is somebody posing as it.
        const claimed = envelope.producer === undefined ? '未署名' : `署名为「${envelope.producer}」`;
        await this.deadLetter(binding, msg, new RejectedEvent(`事件 ${binding.event.name} 只能由「${binding.event.producer}」发布，此事件${claimed}`), 'rejected');
        return;
      }
      try {
        const outcome = await dataSource.transaction(async (manager): Promise<Outcome> => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox (consumer, event_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
            [consumer, envelope.id, binding.event.name],
          );
          if (inserted.length === 0) return 'duplicate';
          await binding.handle(payload as never, { ...envelope, payload } as never, manager);
          return 'handled';
        });
        if (outcome === 'duplicate') logger.info({ eventId: envelope.id, event: binding.event.name }, 'duplicate event ignored');
        msg.ack();
      } catch (error) {
        if (error instanceof RejectedEvent) {
          await this.deadLetter(binding, msg, error, 'rejected');
          return;
        }
        const attempt = msg.info.deliveryCount;
        const max = binding.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
        if (attempt >= max) {
          await this.deadLetter(binding, msg, error, 'exhausted');
          return;
        }
        const backoff = binding.backoffMs ?? DEFAULT_BACKOFF_MS;
        const delay = backoff[Math.min(attempt - 1, backoff.length - 1)];
        logger.warn({ err: error, eventId: envelope.id, event: binding.event.name, attempt, retryInMs: delay }, 'event handler failed; will retry');
        msg.nak(delay);
      }
    });
  }

  private async deadLetter(binding: EventHandlerBinding, msg: JsMsg, error: unknown, reason: 'invalid' | 'exhausted' | 'rejected'): Promise<void> {
    const { js, wire, service, logger } = this.options;
    const h = natsHeaders();
    h.set('x-original-subject', msg.subject);
    h.set('x-consumer', service);
    h.set('x-reason', reason);
    h.set('x-attempts', String(msg.info.deliveryCount));
    h.set('x-error', String((error as Error)?.message ?? error).slice(0, 500).replace(/[\r\n]+/g, ' '));
    await js.publish(wire.deadLetterSubject(service, binding.event), msg.data, { headers: h });
    logger.error({ err: error, event: binding.event.name, reason, attempts: msg.info.deliveryCount }, 'event sent to dead letters');
    msg.term(reason);
  }

  /** Stops pulling, then waits for the event being handled to finish. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.waiting]);
    await Promise.all(this.running.map((r) => r.messages.close().catch(() => undefined)));
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.running.map((r) => r.loop));
    this.running.length = 0;
  }
}
