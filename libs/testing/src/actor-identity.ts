import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SERVICES, type ServiceName } from '@congress/contracts';
import { ActorAssertionSigner, RpcClient, WireNames, encodeKeyPair, type NatsConnection } from '@congress/messaging';

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
