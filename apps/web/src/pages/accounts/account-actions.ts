import type { AccountState, PersonAccount } from '../../api/types';

/** An account's state as shown: the API's, or `none` when no account was ever asked for (null). */
export type ShownAccountState = AccountState | 'none';

/** Tag colours per state (labels: accounts.state.<state>); a new API state fails to compile here. */
export const ACCOUNT_STATE_COLORS: Record<ShownAccountState, string> = {
  none: 'default',
  pending: 'processing',
  linked: 'success',
  failed: 'error',
  unlinked: 'warning',
  disabled: 'default',
};

export function shownState(account: Pick<PersonAccount, 'state'>): ShownAccountState {
  return account.state ?? 'none';
}

/** The office's actions on one account, as offered in its row (labels: accounts.actions.<action>). */
export type AccountAction = 'issue' | 'reset' | 'start' | 'retry' | 'link' | 'unlink';

/**
 * What the office may do with a person's account now, in the order the row shows them.
 *
 * This repeats the directory's ACCOUNT_MACHINE (apps/directory/src/accounts/accounts.rules.ts:
 * issue-password from linked; retry from none, pending, failed; link from any state; unlink from
 * pending, linked, failed; retry and link only for someone holding a role), because PersonAccount
 * carries no `allowedActions` yet. The directory decides again; a refusal is shown as its detail.
 */
export function accountActions(account: Pick<PersonAccount, 'state' | 'roles' | 'attempts' | 'lastError' | 'passwordIssuedAt'>): AccountAction[] {
  const state = shownState(account);
  const holdsRole = account.roles.length > 0;
  const actions: AccountAction[] = [];
  if (state === 'linked') actions.push(account.passwordIssuedAt ? 'reset' : 'issue');
  if (holdsRole && state === 'none') actions.push('start');
  // A pending account is retried by itself; 立即重试 only skips the wait after a failed attempt.
  if (holdsRole && (state === 'failed' || (state === 'pending' && (account.attempts > 0 || account.lastError !== null)))) actions.push('retry');
  if (holdsRole) actions.push('link');
  if (state === 'pending' || state === 'linked' || state === 'failed') actions.push('unlink');
  return actions;
}

/**
 * Whether the list should refresh by itself: the directory still has work on some account, being
 * opened (开通中) or due for a change (a removed liaison's account to disable shows 已开通 until it
 * is done).
 */
export function anyInProgress(accounts: readonly Pick<PersonAccount, 'state' | 'nextAttemptAt'>[]): boolean {
  return accounts.some((account) => account.state === 'pending' || account.nextAttemptAt !== null);
}
