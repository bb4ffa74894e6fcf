import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@congress/contracts';
import { decideUnitAccess, hasAnyRole, readableUnits, type UnitAncestry } from './access.js';

const units = [
  { code: '430000', level: 'province', parent: null },
  { code: '430100', level: 'city', parent: '430000' },
  { code: '431000', level: 'city', parent: '430000' },
  { code: '431081', level: 'county', parent: '431000' },
  { code: '431002', level: 'county', parent: '431000' },
] as const;

const tree: UnitAncestry = {
  ancestorsOf(code) {
    const unit = units.find((u) => u.code === code);
    if (!unit) return undefined;
    const result: string[] = [];
    let parent: string | null = unit.parent;
    while (parent) {
      result.push(parent);
      parent = units.find((u) => u.code === parent)?.parent ?? null;
    }
    return result;
  },
  levelOf: (code) => units.find((u) => u.code === code)?.level,
};

const actor = (unitCode: string | undefined, roles: string[] = ['staff']): Actor => ({ subject: 's', unitCode, roles });

describe('unit scope', () => {
  it('lets a user read and write its own unit', () => {
    expect(decideUnitAccess(actor('431000'), '431000', 'read', tree)).toEqual({ allowed: true });
    expect(decideUnitAccess(actor('431000'), '431000', 'write', tree)).toEqual({ allowed: true });
  });

  it('lets a city user read its counties but not write them', () => {
    expect(decideUnitAccess(actor('431000'), '431081', 'read', tree).allowed).toBe(true);
    expect(decideUnitAccess(actor('431000'), '431081', 'write', tree)).toMatchObject({ allowed: false, status: 403 });
  });

  it('lets a province user read every descendant, grandchildren included', () => {
    expect(decideUnitAccess(actor('430000'), '431002', 'read', tree).allowed).toBe(true);
  });

  it('refuses a city user reading a sibling city', () => {
    expect(decideUnitAccess(actor('431000'), '430100', 'read', tree)).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses a county user reading its parent or a sibling county', () => {
    expect(decideUnitAccess(actor('431081'), '431000', 'read', tree).allowed).toBe(false);
    expect(decideUnitAccess(actor('431081'), '431002', 'read', tree).allowed).toBe(false);
  });

  it('answers 404 for a unit that does not exist and 403 for a token without a unit', () => {
    expect(decideUnitAccess(actor('431000'), '999999', 'read', tree)).toMatchObject({ allowed: false, status: 404 });
    expect(decideUnitAccess(actor(undefined), '431000', 'read', tree)).toMatchObject({ allowed: false, status: 403 });
  });

  it('lists the readable units of each level', () => {
    const all = units.map((u) => ({ code: u.code, level: u.level }));
    expect([...readableUnits(actor('430000'), all, tree)].sort()).toEqual(['430000', '430100', '431000', '431002', '431081']);
    expect([...readableUnits(actor('431000'), all, tree)].sort()).toEqual(['431000', '431002', '431081']);
    expect([...readableUnits(actor('431081'), all, tree)]).toEqual(['431081']);
  });
});

describe('roles', () => {
  it('needs one of the listed roles', () => {
    expect(hasAnyRole(actor('431000', ['staff']), ['staff', 'leader'])).toBe(true);
    expect(hasAnyRole(actor('431000', ['member']), ['staff', 'leader'])).toBe(false);
    expect(hasAnyRole(actor('431000', []), ['staff'])).toBe(false);
  });
});
