import { IdpAdminError, type IdpAdmin } from '@congress/auth';

/**
 * What the accounts feature needs of the identity provider: the admin API subset IdpAdmin
 * (libs/auth) implements against Keycloak and the local identity provider alike.
 */
export type IdentityProvider = Pick<IdpAdmin, 'findByUsername' | 'get' | 'create' | 'update' | 'setTemporaryPassword' | 'signOut'>;

/** The provider, or null when none is configured (IDP_ADMIN_URL unset): accounts then wait, saying why. */
export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');

/** Whether an error may go away by itself (network, timeout, 5xx, 429, a secret being fixed): IdpAdminError says so; anything else is retried too. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof IdpAdminError) || error.retryable;
}
