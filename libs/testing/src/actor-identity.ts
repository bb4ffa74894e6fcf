import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SERVICES, type Actor, type Problem, type ServiceName } from '@congress/contracts';
import { ActorAssertionSigner, RpcClient, WireNames, encodeKeyPair, payloadJsonOf, type NatsConnection } from '@congress/messaging';

interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  encoded: { privateKey: string; publicKey: string };
}

let keys: ReadonlyMap<ServiceName, TestKey> | undefined;

/**
 * One Ed25519 key pair per issuer (the gateway and every service), made once per test module
 * registry and handed to every service a test starts, in this process or as a child process.
 */
export function testActorKeys(): ReadonlyMap<ServiceName, TestKey> {
  keys ??= new Map(
    SERVICES.map((service) => {
      const pair = generateKeyPairSync('ed25519');
      return [service, { ...pair, encoded: encodeKeyPair(pair) }] as const;
    }),
  );
  return keys;
}

/** The key the service signs actor assertions with and the keys it trusts: every test issuer's. */
export function actorIdentityEnv(service: ServiceName, _namespace: string): Record<string, string> {
  const all = testActorKeys();
  return {
    ACTOR_SIGNING_KEY: all.get(service)!.encoded.privateKey,
    ACTOR_TRUSTED_KEYS: JSON.stringify(Object.fromEntries([...all].map(([issuer, key]) => [issuer, key.encoded.publicKey]))),
  };
}

/** Signs actor assertions as `issuer` (the gateway by default: it may assert any user). */
export function testSigner(issuer: ServiceName = 'gateway'): ActorAssertionSigner {
  return new ActorAssertionSigner(issuer, testActorKeys().get(issuer)!.privateKey);
}

/** A client of a test namespace's requests that signs like the gateway, as the services' callers do. */
export function testRpcClient(nc: NatsConnection, namespace: string, timeoutMs = 10_000, issuer: ServiceName = 'gateway'): RpcClient {
  return new RpcClient(nc, new WireNames(namespace), timeoutMs, undefined, testSigner(issuer));
}

/** What a service answers: `{ ok: true, data }` or `{ ok: false, problem }`. */
export interface RawReply {
  ok: boolean;
  data?: unknown;
  problem?: Problem;
}

/**
 * A request exactly as RpcClient puts it on the wire, for tests that replay or tamper with it:
 * the body's bytes and the assertion in them. `subject` is the wire subject (namespace included).
 */
export function aSignedRequest(options: { subject: string; data: unknown; actor: Actor; signer?: ActorAssertionSigner; requestId?: string; now?: number; deadline?: number }): { body: string; assertion: string } {
  const now = options.now ?? Date.now();
  const payloadJson = payloadJsonOf(options.data);
  const assertion = (options.signer ?? testSigner()).sign({
    actor: options.actor,
    requestId: options.requestId ?? randomUUID(),
    subject: options.subject,
    payloadJson,
    now,
    deadline: options.deadline ?? now + 10_000,
  });
  return { body: `{"meta":${JSON.stringify({ assertion })},"data":${payloadJson}}`, assertion };
}

/** Sends a request's bytes (or an object, stringified) on a wire subject and returns the reply as it came. */
export async function sendRaw(nc: NatsConnection, subject: string, body: string | object, timeoutMs = 10_000): Promise<RawReply> {
  const reply = await nc.request(subject, typeof body === 'string' ? body : JSON.stringify(body), { timeout: timeoutMs });
  return JSON.parse(new TextDecoder().decode(reply.data)) as RawReply;
}
