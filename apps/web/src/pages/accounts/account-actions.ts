import { actionsOf } from '../../api/actions';
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
 * What the office may do with a person's account now, in the order the row shows them: the
 * directory's answer (`allowedActions`, from its ACCOUNT_MACHINE), named for the row. Which of
 * `issue`/`reset` and `start`/`retry` is shown is presentation: a password issued before, an account
 * never asked for; a pending account is retried by itself, so 立即重试 shows only after a failed attempt.
 */
export function accountActions(account: Pick<PersonAccount, 'state' | 'attempts' | 'lastError' | 'passwordIssuedAt' | 'allowedActions'>): AccountAction[] {
  const may = actionsOf(account).may;
  const state = shownState(account);
  const actions: AccountAction[] = [];
  if (may('issue-password')) actions.push(account.passwordIssuedAt ? 'reset' : 'issue');
  if (may('retry') && state === 'none') actions.push('start');
  if (may('retry') && (state === 'failed' || (state === 'pending' && (account.attempts > 0 || account.lastError !== null)))) actions.push('retry');
  if (may('link')) actions.push('link');
  if (may('unlink')) actions.push('unlink');
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
