import type { ServiceName } from '@congress/contracts';

/** The key the service signs actor assertions with and the keys it trusts. (Filled in by the actor assertion work.) */
export function actorIdentityEnv(_service: ServiceName, _namespace: string): Record<string, string> {
  return {};
}
