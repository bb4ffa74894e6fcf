import { ADMIN_ROLES, refuse, type AccountState, type GuardContext, type Machine, type Refusal } from '@congress/contracts';

// ---- the machine -----------------------------------------------------------------------------

/** `none`: no account was ever asked for (not stored: the person has no accounts row). */
export type AccountMachineState = AccountState | 'none';
export type AccountAction = 'link' | 'unlink' | 'retry' | 'issue-password';

export interface AccountFacts {
  /** Whether the person holds any role (someone without one needs no account). */
  holdsRole: boolean;
}

const ADMIN_REFUSAL = '只有单位管理员可以管理账号';

/** Someone without any role needs no account: none is made or linked for them. */
const holdsRole = ({ subject }: GuardContext<AccountMachineState, AccountFacts, unknown>): Refusal | null =>
  subject.holdsRole ? null : refuse(409, '此人已不担任任何角色，不需要账号');

/**
 * What the office may do with a person's sign-in account (账号). Creating, updating and disabling
 * accounts is not here: it follows each roster and liaison change, by the provisioner (the system).
 */
export const ACCOUNT_MACHINE: Machine<AccountAction, AccountMachineState, AccountFacts> = {
  noun: '账号',
  otherUnit: '只能管理本单位人员的账号',
  actionNames: { link: '关联已有账号', unlink: '解除账号关联', retry: '开通（重试）', 'issue-password': '发放初始密码' },
  stateNames: { none: '未开通', pending: '开通中', linked: '已开通', failed: '开通失败', unlinked: '已解除关联', disabled: '已停用' },
  rows: [
    {
      action: 'link',
      from: ['none', 'pending', 'linked', 'failed', 'unlinked', 'disabled'],
      roles: ADMIN_ROLES,
      roleRefusal: ADMIN_REFUSAL,
      scope: 'own-unit',
      guard: holdsRole,
      to: 'pending',
      event: null,
    },
    { action: 'unlink', from: ['pending', 'linked', 'failed'], roles: ADMIN_ROLES, roleRefusal: ADMIN_REFUSAL, scope: 'own-unit', to: 'unlinked', event: null },
    {
      action: 'retry',
      from: ['none', 'pending', 'failed'],
      roles: ADMIN_ROLES,
      roleRefusal: ADMIN_REFUSAL,
      scope: 'own-unit',
      guard: holdsRole,
      to: 'pending',
      event: null,
    },
    { action: 'issue-password', from: ['linked'], roles: ADMIN_ROLES, roleRefusal: ADMIN_REFUSAL, scope: 'own-unit', to: 'same', event: null },
  ],
};

// ---- what the identity provider should hold --------------------------------------------------

/** The platform roles an account carries: the person's roles (only those the realm knows). */
export interface DesiredAccount {
  wanted: boolean;
  fullName: string;
  unit: string;
  body: string | null;
  roles: string[];
}

/** A stable fingerprint of what should be true at the identity provider, to skip repeats. */
export function fingerprintOf(desired: DesiredAccount): string {
  return JSON.stringify([desired.wanted, desired.fullName, desired.unit, desired.body, [...desired.roles].sort()]);
}

// ---- retrying ----------------------------------------------------------------------------------

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 15 * 60_000;

/**
 * When to try again after `attempts` failed tries: 5 s, 10 s, 20 s, … up to 15 minutes, never
 * giving up (an account that is never made is a member who cannot vote), with ±20 % jitter so
 * replicas and many people do not retry in step.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A password to hand over on paper: 12 characters without look-alikes (0/O, 1/l/I), of three kinds. */
export function initialPassword(randomInt: (max: number) => number): string {
  const lower = 'abcdefghjkmnpqrstuvwxyz';
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = lower + upper + digits;
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(lower), pick(upper), pick(digits), ...Array.from({ length: 9 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
