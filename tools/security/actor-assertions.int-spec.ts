import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { ALL_REQUESTS, type Actor, type RequestContract } from '@congress/contracts';
import { ActorAssertionSigner, WireNames, type NatsConnection } from '@congress/messaging';
import {
  aSignedRequest,
  connectTestNats,
  createTestDatabase,
  createTestNamespace,
  eventually,
  sendRaw,
  serviceEnv,
  startServiceProcesses,
  testSigner,
  type RawReply,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';

/**
 * Actor assertions on every request subject of the contracts, as an attacker on the bus would try
 * them against the built services (processes, one namespace): no assertion (just claiming an actor),
 * one forged with another key under the gateway's name, an expired one, one whose payload was
 * altered, one made for another subject, a service asserting a user, and a replay. Every one is
 * refused with 401 and the rule, and logged by the service. The subjects are read from the
 * contracts, so a new request is covered without touching this file.
 *
 * Every payload sent fails the subject's contract: were a check skipped, the answer would be a 400
 * (or worse), not the 401 expected. For the replay, the first (genuine) send is answered 400 — the
 * assertion was accepted and nothing was done — and the same bytes again 401.
 */
const REQUESTS = ALL_REQUESTS;
const OWNERS = [...new Set(REQUESTS.map((c) => c.service))].sort();

const platformAdmin: Actor = { subject: 'root', username: 'root', unitCode: '430000', roles: ['platform-admin'] };
const forger = new ActorAssertionSigner('gateway', generateKeyPairSync('ed25519').privateKey);

/** Two payloads the contract refuses (so any answer but the assertion's 401 shows a check was skipped). */
function invalidPayloads(contract: RequestContract): [unknown, unknown] {
  const refused = ['not-an-object', 'another-non-object', 42, null, [], [1]].filter((v) => !contract.request.safeParse(v).success);
  if (refused.length < 2) throw new Error(`${contract.subject}: found no payloads its contract refuses`);
  return [refused[0], refused[1]];
}

type Case = { name: string; rule: string; send: (nc: NatsConnection, subject: string, contract: RequestContract, other: string) => Promise<RawReply> };

const CASES: Case[] = [
  {
    name: 'missing (an actor claimed, nothing signed)',
    rule: 'assertion_missing',
    send: (nc, subject, contract) => sendRaw(nc, subject, { meta: { actor: platformAdmin, requestId: randomUUID(), deadline: Date.now() + 5000 }, data: invalidPayloads(contract)[0] }),
  },
  {
    name: 'forged (another key, in the gateway\'s name)',
    rule: 'assertion_bad_signature',
    send: (nc, subject, contract) => sendRaw(nc, subject, aSignedRequest({ subject, data: invalidPayloads(contract)[0], actor: platformAdmin, signer: forger }).body),
  },
  {
    name: 'expired',
    rule: 'assertion_expired',
    send: (nc, subject, contract) => sendRaw(nc, subject, aSignedRequest({ subject, data: invalidPayloads(contract)[0], actor: platformAdmin, now: Date.now() - 30_000, deadline: Date.now() - 20_000 }).body),
  },
  {
    name: 'altered (another payload under a genuine assertion)',
    rule: 'assertion_payload_mismatch',
    send: (nc, subject, contract) => {
      const [signed, sent] = invalidPayloads(contract);
      const { assertion } = aSignedRequest({ subject, data: signed, actor: platformAdmin });
      return sendRaw(nc, subject, { meta: { assertion }, data: sent });
    },
  },
  {
    name: 'moved (a genuine assertion made for another subject)',
    rule: 'assertion_subject_mismatch',
    send: (nc, subject, contract, other) => {
      const data = invalidPayloads(contract)[0];
      const { assertion } = aSignedRequest({ subject: other, data, actor: platformAdmin });
      return sendRaw(nc, subject, { meta: { assertion }, data });
    },
  },
  {
    name: 'a service speaking for a user (genuine key of project-library)',
    rule: 'assertion_issuer_not_allowed',
    send: (nc, subject, contract) => sendRaw(nc, subject, aSignedRequest({ subject, data: invalidPayloads(contract)[0], actor: platformAdmin, signer: testSigner('project-library') }).body),
  },
  {
    name: 'replayed (once accepted: 400, nothing done; the same bytes again)',
    rule: 'assertion_replayed',
    send: async (nc, subject, contract) => {
      const { body } = aSignedRequest({ subject, data: invalidPayloads(contract)[0], actor: platformAdmin });
      const first = await sendRaw(nc, subject, body);
      expect(first).toMatchObject({ ok: false, problem: { status: 400, code: 'validation' } });
      return sendRaw(nc, subject, body);
    },
  },
];

describe('actor assertions on every request subject (services as processes)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let wire: WireNames;
  let nc: NatsConnection;
  let services: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    wire = new WireNames(ns.namespace);
    const env = serviceEnv(db.url, ns.namespace, { LOG_LEVEL: 'warn', MILESTONE_CHECK_MS: '0', OVERDUE_CHECK_MS: '0' });
    services = await startServiceProcesses(OWNERS.map((name) => ({ name, env })));
    // The test harness's NATS user may publish on every subject of the namespace, as the gateway may:
    // the position of an attacker who holds credentials that reach the services.
    nc = await connectTestNats(ns.namespace);
  }, 180_000);

  afterAll(async () => {
    await nc?.drain().catch(() => undefined);
    await Promise.all(services.map((s) => s.kill()));
    await ns?.cleanup();
    await db?.drop();
  });

  it('covers every request subject of the contracts', () => {
    expect(REQUESTS.length).toBeGreaterThan(20);
    expect(new Set(REQUESTS.map((c) => c.subject)).size).toBe(REQUESTS.length);
  });

  it.each(REQUESTS.map((c) => [c.subject, c] as const))('%s: refuses a missing, forged, expired, altered, moved, impersonating and replayed assertion', async (_subject, contract) => {
    const subject = wire.subject(contract.subject);
    const other = wire.subject(REQUESTS.find((c) => c.subject !== contract.subject)!.subject);
    for (const c of CASES) {
      const reply = await c.send(nc, subject, contract, other);
      expect({ case: c.name, reply }).toMatchObject({ case: c.name, reply: { ok: false, problem: { status: 401, code: 'unauthenticated', errors: [{ field: 'meta.assertion', rule: c.rule }] } } });
    }
  });

  it('had each service log every refusal (subject, issuer, reason, request id), never the payload', async () => {
    const refusalsOf = (s: ServiceProcess) => s.logs.filter((l) => l.message === 'actor assertion refused');
    for (const service of services) {
      const expected = REQUESTS.filter((c) => c.service === service.name).length * CASES.length;
      await eventually(async () => refusalsOf(service).length >= expected, 10_000, `${service.name}'s ${expected} refusals logged`);
      const lines = refusalsOf(service);
      expect(lines).toHaveLength(expected);
      for (const rule of CASES.map((c) => c.rule)) expect(lines.some((l) => l.reason === rule)).toBe(true);
      for (const line of lines) {
        expect(line).toMatchObject({ level: 'warn', subject: expect.stringMatching(new RegExp(`^${service.name}\\.`)) });
        expect(JSON.stringify(line)).not.toMatch(/not-an-object|another-non-object/);
      }
    }
    // The figure for the closing note.
    console.log(`actor assertions: ${REQUESTS.length} request subjects × ${CASES.length} cases = ${REQUESTS.length * CASES.length} refusals, served by ${OWNERS.join(', ')}`);
  });
});
