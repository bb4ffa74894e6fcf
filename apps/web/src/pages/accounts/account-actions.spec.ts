import { describe, expect, it } from '@jest/globals';
import { accountActions, anyInProgress, shownState } from './account-actions';

const account = (over: Partial<Parameters<typeof accountActions>[0]> = {}) => ({
  state: 'linked' as const,
  roles: ['member' as const],
  attempts: 0,
  lastError: null,
  passwordIssuedAt: null,
  ...over,
});

describe('account actions offered per row', () => {
  it('offers the initial password for a linked account, then a reset once one was issued', () => {
    expect(accountActions(account())).toEqual(['issue', 'link', 'unlink']);
    expect(accountActions(account({ passwordIssuedAt: '2026-12-05T08:00:00Z' }))).toEqual(['reset', 'link', 'unlink']);
  });

  it('offers to open an account nobody asked for yet (未开通), without a password or unlinking', () => {
    expect(accountActions(account({ state: null }))).toEqual(['start', 'link']);
    expect(shownState({ state: null })).toBe('none');
  });

  it('offers a retry for a failed account, and for a pending one only after a failed attempt', () => {
    expect(accountActions(account({ state: 'failed', attempts: 1, lastError: '登录名已是其他单位的账号' }))).toEqual(['retry', 'link', 'unlink']);
    expect(accountActions(account({ state: 'pending' }))).toEqual(['link', 'unlink']);
    expect(accountActions(account({ state: 'pending', attempts: 2, lastError: '身份认证服务暂时无法完成' }))).toEqual(['retry', 'link', 'unlink']);
  });

  it('offers only linking again for an unlinked account', () => {
    expect(accountActions(account({ state: 'unlinked' }))).toEqual(['link']);
  });

  it('offers nothing for someone who holds no role any more (已停用)', () => {
    expect(accountActions(account({ state: 'disabled', roles: [] }))).toEqual([]);
  });

  it('refreshes while an account is being opened or is due for a change, and stops when all are settled', () => {
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: null }, { state: 'pending', nextAttemptAt: null }])).toBe(true);
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: '2026-12-05T08:00:00Z' }])).toBe(true);
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: null }, { state: null, nextAttemptAt: null }, { state: 'failed', nextAttemptAt: null }])).toBe(false);
  });
});
