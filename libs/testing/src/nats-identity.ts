import type { ServiceName } from '@congress/contracts';
import { WireNames, servicePermissions } from '@congress/messaging';
import { testNatsCredentials } from '@congress/test-servers';

/**
 * The service's own NATS user for a test namespace, with the permissions production gives it
 * (libs/messaging/src/permissions.ts, from the contracts' trust table), so every integration test
 * runs inside the permission table and a call or subscription missing from it fails the test.
 */
export async function natsIdentityEnv(service: ServiceName, namespace: string): Promise<Record<string, string>> {
  return { NATS_CREDS: await testNatsCredentials(`${service}-${namespace}`, servicePermissions(service, new WireNames(namespace))) };
}
