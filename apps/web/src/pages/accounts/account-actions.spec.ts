import { describe, expect, it } from '@jest/globals';
import { accountActions, anyInProgress, shownState } from './account-actions';

type Action = 'link' | 'unlink' | 'retry' | 'issue-password';
/** An account as the API answers it: `may` are the actions the directory allows this caller (others refused). */
const account = (over: Partial<Parameters<typeof accountActions>[0]> = {}, may: Action[] = ['issue-password', 'link', 'unlink']) => ({
  state: 'linked' as const,
  attempts: 0,
  lastError: null,
  passwordIssuedAt: null,
  allowedActions: (['link', 'unlink', 'retry', 'issue-password'] as const).map((action) => (may.includes(action) ? { action, allowed: true } : { action, allowed: false, reason: '不允许' })),
  ...over,
});

describe('account actions offered per row', () => {
  it('offers the initial password for a linked account, then a reset once one was issued', () => {
    expect(accountActions(account())).toEqual(['issue', 'link', 'unlink']);
    expect(accountActions(account({ passwordIssuedAt: '2026-12-05T08:00:00Z' }))).toEqual(['reset', 'link', 'unlink']);
  });

  it('offers to open an account nobody asked for yet (未开通), without a password or unlinking', () => {
    expect(accountActions(account({ state: null }, ['retry', 'link']))).toEqual(['start', 'link']);
    expect(shownState({ state: null })).toBe('none');
  });

  it('offers a retry for a failed account, and for a pending one only after a failed attempt', () => {
    expect(accountActions(account({ state: 'failed', attempts: 1, lastError: '登录名已是其他单位的账号' }, ['retry', 'link', 'unlink']))).toEqual(['retry', 'link', 'unlink']);
    expect(accountActions(account({ state: 'pending' }, ['retry', 'link', 'unlink']))).toEqual(['link', 'unlink']);
    expect(accountActions(account({ state: 'pending', attempts: 2, lastError: '身份认证服务暂时无法完成' }, ['retry', 'link', 'unlink']))).toEqual(['retry', 'link', 'unlink']);
  });

  it('offers only linking again for an unlinked account', () => {
    expect(accountActions(account({ state: 'unlinked' }, ['link']))).toEqual(['link']);
  });

  it('offers nothing the directory refuses: someone who holds no role any more (已停用), or a unit the caller only reads', () => {
    expect(accountActions(account({ state: 'disabled' }, []))).toEqual([]);
    expect(accountActions(account({}, []))).toEqual([]);
  });

  it('refreshes while an account is being opened or is due for a change, and stops when all are settled', () => {
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: null }, { state: 'pending', nextAttemptAt: null }])).toBe(true);
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: '2026-12-05T08:00:00Z' }])).toBe(true);
    expect(anyInProgress([{ state: 'linked', nextAttemptAt: null }, { state: null, nextAttemptAt: null }, { state: 'failed', nextAttemptAt: null }])).toBe(false);
  });
});
