import type { ServiceName } from '@congress/contracts';

/** The service's NATS credentials for a test namespace. (Filled in by the NATS authorisation work.) */
export function natsIdentityEnv(_service: ServiceName, _namespace: string): Record<string, string> {
  return {};
}
