import { describe, expect, it } from '@jest/globals';
import { decide, type Actor } from '@congress/contracts';
import { ACCOUNT_MACHINE, fingerprintOf, initialPassword, retryDelayMs } from './accounts.rules.js';

const admin: Actor = { subject: 'a', unitCode: '431000', roles: ['unit-admin'] };
const staff: Actor = { subject: 's', unitCode: '431000', roles: ['staff'] };
const other: Actor = { subject: 'o', unitCode: '430100', roles: ['unit-admin'] };
const subject = (state: Parameters<typeof decide>[3]['state'], holdsRole = true) => ({ state, unitCode: '431000', holdsRole }) as never;

describe('ACCOUNT_MACHINE', () => {
  it("lets the unit's administrator link, unlink, retry and issue passwords, and no one else", () => {
    expect(decide(ACCOUNT_MACHINE, 'link', admin, subject('failed'))).toEqual({ allowed: true });
    expect(decide(ACCOUNT_MACHINE, 'issue-password', admin, subject('linked'))).toEqual({ allowed: true });
    expect(decide(ACCOUNT_MACHINE, 'link', staff, subject('failed'))).toMatchObject({ allowed: false, status: 403, reason: '只有单位管理员可以管理账号' });
    expect(decide(ACCOUNT_MACHINE, 'unlink', other, subject('linked'))).toMatchObject({ allowed: false, status: 403, reason: '只能管理本单位人员的账号' });
  });

  it('issues a password only to a linked account, and links none for someone without a role', () => {
    expect(decide(ACCOUNT_MACHINE, 'issue-password', admin, subject('pending'))).toMatchObject({ allowed: false, status: 409, reason: '账号当前为「开通中」，不能发放初始密码' });
    expect(decide(ACCOUNT_MACHINE, 'link', admin, subject('disabled', false))).toMatchObject({ allowed: false, status: 409, reason: '此人已不担任任何角色，不需要账号' });
    expect(decide(ACCOUNT_MACHINE, 'unlink', admin, subject('unlinked'))).toMatchObject({ allowed: false, status: 409 });
  });
});

describe('retrying', () => {
  it('doubles from 5 s to at most 15 minutes, with ±20 % jitter', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(900_000);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
  });
});

describe('the initial password', () => {
  it('has 12 characters of three kinds and no look-alikes', () => {
    let seed = 7;
    const randomInt = (max: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % max;
    for (let i = 0; i < 200; i++) {
      const password = initialPassword(randomInt);
      expect(password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
    }
  });
});

describe('the fingerprint of what Keycloak should hold', () => {
  it('ignores the order of roles and sees every other change', () => {
    const base = { wanted: true, fullName: '王芳', unit: '431000', body: null, roles: ['member', 'leader'] };
    expect(fingerprintOf(base)).toBe(fingerprintOf({ ...base, roles: ['leader', 'member'] }));
    expect(fingerprintOf(base)).not.toBe(fingerprintOf({ ...base, wanted: false }));
    expect(fingerprintOf(base)).not.toBe(fingerprintOf({ ...base, body: 'b' }));
  });
});
