import type { ServiceName } from '@congress/contracts';
import { actorIdentityEnv } from './actor-identity.js';
import { natsIdentityEnv } from './nats-identity.js';

/**
 * What a service proves itself with, in tests as in production: its own NATS credentials
 * (nats-identity.ts) and the key it signs actor assertions with and the keys it trusts
 * (actor-identity.ts). Every harness that starts a service (in this process or as a child
 * process, seeds included) adds this to the service's environment, so tests cross the same trust
 * boundaries that `npm start` and the Helm chart set up.
 */
export async function serviceIdentityEnv(service: ServiceName, namespace: string): Promise<Record<string, string>> {
  return { ...(await natsIdentityEnv(service, namespace)), ...actorIdentityEnv(service, namespace) };
}
