import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UnitRosterChanged, type PayloadOf } from '@congress/contracts';
import {
  EventConsumers,
  MessagingTables1764300000000,
  Outbox,
  OutboxRelay,
  WireNames,
  ensureEventStream,
  jetstream,
  jetstreamManager,
  type EventHandlerBinding,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from '../src/index.js';
import { createServiceDataSource, newId, runMigrations } from '@congress/persistence';
import { createLogger } from '@congress/telemetry';
import { connectTestNats, createTestDatabase, createTestNamespace, eventually, type TestDatabase } from '@congress/test-servers';
import type { DataSource } from 'typeorm';

const logger = createLogger('outbox-test', 'silent');
const streams = { replicas: 1, maxAgeDays: 1 };

function rosterEvent(unitCode: string, version: number): PayloadOf<typeof UnitRosterChanged> {
  return {
    unitCode,
    rosterVersion: version,
    change: { kind: 'joined', personId: newId(), name: `委员${version}` },
    members: [],
    changedBy: { subject: 'test', username: 'test' },
  };
}

describe('transactional outbox, relay and idempotent consumers (real Postgres and JetStream)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let ds: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let wire: WireNames;
  const outbox = new Outbox();
  const handled: { eventId: string; unitCode: string }[] = [];
  const failures: string[] = [];
  let consumers: EventConsumers;

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    wire = new WireNames(ns.namespace);
    ds = await createServiceDataSource({ url: db.url, schema: 'probe', entities: [], migrations: [MessagingTables1764300000000] });
    await runMigrations(ds, 'probe');
    await ds.query(`CREATE TABLE things (id uuid PRIMARY KEY, note text NOT NULL)`);
    nc = await connectTestNats(ns.namespace);
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureEventStream(jsm, wire, 'directory', streams);

    // Unit 999998 always fails: it shows retries and the dead-letter subject.
    const binding: EventHandlerBinding<typeof UnitRosterChanged> = {
      event: UnitRosterChanged,
      maxAttempts: 3,
      backoffMs: [50, 50],
      handle: async (payload, envelope, m) => {
        if (payload.unitCode === '999998') {
          failures.push(envelope.id);
          throw new Error('handler refuses this unit');
        }
        await m.query(`INSERT INTO things (id, note) VALUES ($1, 'handled')`, [newId()]);
        handled.push({ eventId: envelope.id, unitCode: payload.unitCode });
      },
    };
    consumers = new EventConsumers({ service: 'voting', js, jsm, dataSource: ds, wire, logger, streams });
    await consumers.start([binding as unknown as EventHandlerBinding]);
  });

  afterAll(async () => {
    await consumers?.stop();
    await nc?.drain();
    await ds?.destroy();
    await ns?.cleanup();
    await db?.drop();
  });

  const streamCount = async () => (await jsm.streams.info(wire.eventStream('directory'))).state.messages;
  const unsent = async () => Number((await ds.query(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`))[0].n);
  const newRelay = (faults?: ConstructorParameters<typeof OutboxRelay>[0]['faults']) =>
    new OutboxRelay({ service: 'directory', dataSource: ds, js, wire, schema: 'probe', logger, pollMs: 50, faults });

  it('writes nothing to the outbox when the state change rolls back', async () => {
    await expect(
      ds.transaction(async (m) => {
        await m.query(`INSERT INTO things (id, note) VALUES ($1, 'doomed')`, [newId()]);
        await outbox.add(m, UnitRosterChanged, rosterEvent('431000', 1), { unitCode: '431000' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await unsent()).toBe(0);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(0);
  });

  it('delivers an event committed while the relay was down exactly once when a relay comes back', async () => {
    const before = await streamCount();
    let eventId = '';
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO things (id, note) VALUES ($1, 'state change')`, [newId()]);
      eventId = await outbox.add(m, UnitRosterChanged, rosterEvent('431001', 1), { unitCode: '431001' });
    });
    // No relay runs: the event waits in the outbox, committed with the state change.
    await new Promise((r) => setTimeout(r, 300));
    expect(await streamCount()).toBe(before);
    expect(handled.filter((h) => h.eventId === eventId)).toHaveLength(0);

    const relay = newRelay();
    relay.start();
    await eventually(async () => handled.some((h) => h.eventId === eventId), 10_000, 'the event to be handled');
    await relay.stop();
    expect(await streamCount()).toBe(before + 1);
    expect(handled.filter((h) => h.eventId === eventId)).toHaveLength(1);
    expect(await unsent()).toBe(0);
  });

  it('publishes an event only once when the relay dies after publishing and before marking it sent', async () => {
    const before = await streamCount();
    let eventId = '';
    await ds.transaction(async (m) => {
      eventId = await outbox.add(m, UnitRosterChanged, rosterEvent('431002', 1), { unitCode: '431002' });
    });
    const dying = newRelay({
      afterPublish: () => {
        throw new Error('relay process died here');
      },
    });
    await expect(dying.runOnce()).rejects.toThrow('relay process died here');
    // The publish happened but the row is still unsent: the next relay publishes it again…
    expect(await unsent()).toBe(1);
    const survivor = newRelay();
    expect(await survivor.runOnce()).toBe(1);
    expect(await unsent()).toBe(0);
    // …and JetStream drops the second copy by its Nats-Msg-Id (the event id).
    expect(await streamCount()).toBe(before + 1);
    await eventually(async () => handled.some((h) => h.eventId === eventId), 10_000, 'the event to be handled');
    await new Promise((r) => setTimeout(r, 300));
    expect(handled.filter((h) => h.eventId === eventId)).toHaveLength(1);
  });

  it('changes nothing twice when the same event is delivered again (inbox)', async () => {
    let eventId = '';
    await ds.transaction(async (m) => {
      eventId = await outbox.add(m, UnitRosterChanged, rosterEvent('431003', 1), { unitCode: '431003' });
    });
    expect(await newRelay().runOnce()).toBe(1);
    await eventually(async () => handled.some((h) => h.eventId === eventId), 10_000, 'first delivery');
    // Re-publish the same envelope under another message id, past the stream's dedupe.
    const [{ envelope }] = await ds.query(`SELECT envelope FROM outbox WHERE id = $1`, [eventId]);
    const dlqBefore = (await jsm.streams.info(wire.deadLetterStream())).state.messages;
    await js.publish(wire.subject(UnitRosterChanged.name), JSON.stringify({ ...envelope, producer: 'directory' }), { msgID: newId() });
    await new Promise((r) => setTimeout(r, 500));
    // Dropped by the inbox, not refused for another reason.
    expect((await jsm.streams.info(wire.deadLetterStream())).state.messages).toBe(dlqBefore);
    expect(handled.filter((h) => h.eventId === eventId)).toHaveLength(1);
    const inbox = await ds.query(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [eventId]);
    expect(Number(inbox[0].n)).toBe(1);
  });

  it('retries a failing handler with backoff and dead-letters the event after the last attempt', async () => {
    let eventId = '';
    await ds.transaction(async (m) => {
      eventId = await outbox.add(m, UnitRosterChanged, rosterEvent('999998', 1), { unitCode: '999998' });
    });
    expect(await newRelay().runOnce()).toBe(1);
    const dlqStream = wire.deadLetterStream();
    await eventually(async () => (await jsm.streams.info(dlqStream)).state.messages === 1, 15_000, 'a dead letter');
    expect(failures.filter((f) => f === eventId)).toHaveLength(3);
    const dead = await jsm.streams.getMessage(dlqStream, { last_by_subj: wire.deadLetterSubject('voting', UnitRosterChanged) });
    expect(dead?.header.get('x-attempts')).toBe('3');
    expect(dead?.header.get('x-reason')).toBe('exhausted');
    expect(dead?.json<{ id: string }>().id).toBe(eventId);
    // The failed attempts left no inbox row, so a replay from the dead letters would be handled.
    const inbox = await ds.query(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [eventId]);
    expect(Number(inbox[0].n)).toBe(0);
  });

  it('names the producing service in every event it relays', async () => {
    let eventId = '';
    await ds.transaction(async (m) => {
      eventId = await outbox.add(m, UnitRosterChanged, rosterEvent('431004', 1), { unitCode: '431004' });
    });
    expect(await newRelay().runOnce()).toBe(1);
    const stored = await jsm.streams.getMessage(wire.eventStream('directory'), { last_by_subj: wire.subject(UnitRosterChanged.name) });
    expect(stored?.json<{ id: string; producer: string }>()).toMatchObject({ id: eventId, producer: 'directory' });
    await eventually(async () => handled.some((h) => h.eventId === eventId), 10_000, 'the event to be handled');
  });

  it.each([
    ['another service', 'voting', /只能由「directory」发布，此事件署名为「voting」/],
    ['no service', undefined, /只能由「directory」发布，此事件未署名/],
  ])('dead-letters, as rejected and without retries, an event that names %s as its producer', async (_what, producer, error) => {
    const dlqStream = wire.deadLetterStream();
    const before = (await jsm.streams.info(dlqStream)).state.messages;
    const id = newId();
    const envelope = { id, type: UnitRosterChanged.name, occurredAt: new Date().toISOString(), unitCode: '431005', producer, payload: rosterEvent('431005', 1) };
    await js.publish(wire.subject(UnitRosterChanged.name), JSON.stringify(envelope), { msgID: newId() });
    await eventually(async () => (await jsm.streams.info(dlqStream)).state.messages === before + 1, 10_000, 'a dead letter');
    const dead = await jsm.streams.getMessage(dlqStream, { last_by_subj: wire.deadLetterSubject('voting', UnitRosterChanged) });
    expect(dead?.json<{ id: string }>().id).toBe(id);
    expect(dead?.header.get('x-reason')).toBe('rejected');
    expect(dead?.header.get('x-attempts')).toBe('1');
    expect(dead?.header.get('x-error')).toMatch(error);
    expect(handled.some((h) => h.eventId === id)).toBe(false);
    const inbox = await ds.query(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [id]);
    expect(Number(inbox[0].n)).toBe(0);
  });
});
