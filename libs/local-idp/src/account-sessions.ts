import type { Grant, Provider, Session } from 'oidc-provider';

/**
 * Which grants (behind every refresh token) and browser sessions each account has, so the admin
 * API can end them all: Keycloak's "log out user" (POST users/{id}/logout). oidc-provider's
 * memory adapter cannot be searched by account, so this follows the models' saved events.
 */
export class AccountSessions {
  private readonly grants = new Map<string, Set<string>>();
  private readonly sessions = new Map<string, Set<string>>();

  constructor(private readonly provider: Provider) {
    provider.on('grant.saved', (grant) => remember(this.grants, (grant as Grant).accountId, (grant as Grant).jti));
    provider.on('session.saved', (session) => remember(this.sessions, (session as Session).accountId, (session as Session).jti));
  }

  /** Ends every session and grant of the account: its refresh tokens are refused from now on. Access tokens live until they expire, as in Keycloak. */
  async endAll(accountId: string): Promise<void> {
    for (const grantId of this.grants.get(accountId) ?? []) {
      await this.provider.Grant.adapter.revokeByGrantId(grantId);
      await this.provider.Grant.adapter.destroy(grantId);
    }
    for (const sessionId of this.sessions.get(accountId) ?? []) await this.provider.Session.adapter.destroy(sessionId);
    this.grants.delete(accountId);
    this.sessions.delete(accountId);
  }
}

function remember(index: Map<string, Set<string>>, accountId: string | undefined, id: string): void {
  if (!accountId) return;
  let ids = index.get(accountId);
  if (!ids) index.set(accountId, (ids = new Set()));
  ids.add(id);
}
