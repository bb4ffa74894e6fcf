/**
 * What the accounts feature needs of the identity provider: a subset of Keycloak's admin API,
 * implemented by IdpAdmin (libs/auth) against Keycloak or the local identity provider alike.
 */
export interface IdpAccount {
  id: string;
  username: string;
  enabled: boolean;
  fullName: string | null;
  unit: string | null;
  body: string | null;
  roles: string[];
  temporaryPassword: boolean;
}

export interface IdentityProvider {
  findByUsername(username: string): Promise<IdpAccount | null>;
  get(id: string): Promise<IdpAccount | null>;
  create(account: { username: string; fullName: string; unit: string; body: string | null; roles: string[]; enabled: boolean }): Promise<IdpAccount>;
  update(id: string, change: { enabled?: boolean; fullName?: string; unit?: string; body?: string | null; roles?: string[] }): Promise<IdpAccount>;
  setTemporaryPassword(id: string, password: string): Promise<void>;
  signOut(id: string): Promise<void>;
}

/** The provider, or null when none is configured (IDP_ADMIN_URL unset): accounts then wait, saying why. */
export const IDENTITY_PROVIDER = Symbol('IDENTITY_PROVIDER');

/** Whether an error of the identity provider may go away by itself (network, 5xx, 429): IdpAdminError says so. */
export function isRetryable(error: unknown): boolean {
  return !(typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false);
}
