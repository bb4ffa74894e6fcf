import { describe, expect, it } from '@jest/globals';
import { ALL_ROLES, cellsOf, decide, targetOf, type Actor, type Role } from '@congress/contracts';
import { ROSTER_MACHINE as machine, isChairsCouncil, rosterSortOrder, type RosterAction, type RosterState } from './roster.rules.js';

const UNIT = '431000';
const actorWith = (role: Role, unitCode = UNIT): Actor => ({ subject: `${role}-1`, unitCode, roles: [role], ...(role === 'body-liaison' ? { bodyId: 'B1' } : {}) });
const at = (state: RosterState, version = 3) => ({ state, unitCode: UNIT, version });

// Written out independently of the table: the unit's administrators (and the platform's, in their own unit) change its roster.
const WRITERS: Role[] = ['platform-admin', 'unit-admin'];
const EXPECTED: Record<RosterAction, { from: RosterState[]; name: string; to: RosterState | 'same' }> = {
  add: { from: ['none'], name: '添加组成人员', to: 'member' },
  update: { from: ['member'], name: '修改组成人员职务', to: 'same' },
  remove: { from: ['member'], name: '移出组成人员名单', to: 'former' },
};
const STATE_NAMES: Record<RosterState, string> = { none: '不在名单中', member: '在名单中', former: '已移出名单' };

describe('the roster machine, row by row', () => {
  it('has exactly the cells written out here, each publishing the roster', () => {
    expect(cellsOf(machine).map((c) => `${c.action}@${c.from}`).sort()).toEqual(['add@none', 'remove@member', 'update@member']);
    expect(machine.rows.every((r) => r.event === 'unit.roster-changed.v1')).toBe(true);
  });

  const cases = cellsOf(machine).flatMap(({ action, from }) => [...ALL_ROLES.map((role) => ({ action, from, role: role as Role, who: role })), { action, from, role: 'unit-admin' as Role, who: 'another unit' }]);
  it.each(cases)('$action from $from by $who', ({ action, from, role, who }) => {
    const actor = who === 'another unit' ? actorWith(role, '431081') : actorWith(role);
    const d = decide(machine, action, actor, at(from));
    if (who === 'another unit') return expect(d).toEqual({ allowed: false, status: 403, reason: '只能修改本单位的名单' });
    if (WRITERS.includes(role)) {
      expect(d).toEqual({ allowed: true });
      const to = EXPECTED[action].to;
      expect(targetOf(machine, action, actor, at(from))).toBe(to === 'same' ? from : to);
    } else {
      expect(d).toEqual({ allowed: false, status: 403, reason: '只有单位管理员可以修改组成人员名单' });
    }
  });

  const closed = (Object.keys(EXPECTED) as RosterAction[]).flatMap((action) => (['none', 'member', 'former'] as RosterState[]).filter((s) => !EXPECTED[action].from.includes(s)).map((state) => ({ action, state })));
  it.each(closed)('refuses $action from $state with 409', ({ action, state }) => {
    expect(decide(machine, action, actorWith('unit-admin'), at(state))).toEqual({ allowed: false, status: 409, reason: `组成人员当前为「${STATE_NAMES[state]}」，不能${EXPECTED[action].name}` });
  });

  it('lets the system actor (the demo seed) past unit and role', () => {
    expect(decide(machine, 'add', { subject: 'system', roles: [] }, at('none'))).toEqual({ allowed: true });
  });
});

describe('the guards', () => {
  const admin = actorWith('unit-admin');

  it('refuses a committee of another unit', () => {
    expect(decide(machine, 'add', admin, at('none'), { committeeKnown: false })).toEqual({ allowed: false, status: 400, reason: '本单位没有这个委员会', field: 'body.committeeId', rule: 'unknown_committee' });
    expect(decide(machine, 'add', admin, at('none'), { committeeKnown: true })).toEqual({ allowed: true });
    expect(decide(machine, 'add', admin, at('none'), {})).toEqual({ allowed: true });
  });

  it('refuses a change based on a stale version', () => {
    expect(decide(machine, 'update', admin, at('member', 4), { expectedVersion: 3 })).toEqual({ allowed: false, status: 409, reason: '该人员信息已被他人修改（当前版本 4），请刷新后重试' });
    expect(decide(machine, 'update', admin, at('member', 4), { expectedVersion: 4 })).toEqual({ allowed: true });
    expect(decide(machine, 'update', admin, at('member', 4), {})).toEqual({ allowed: true });
  });
});

describe('roster order', () => {
  it('puts the chair first, then vice-chairs, the secretary-general and members, each in the order they joined', () => {
    const order = [rosterSortOrder('委员', 1), rosterSortOrder('副主任', 3), rosterSortOrder('主任', 9), rosterSortOrder('秘书长', 2), rosterSortOrder('副主任', 2)];
    expect([...order].sort((a, b) => a - b)).toEqual([10_009, 20_002, 20_003, 30_002, 40_001]);
  });

  it('counts the chair, vice-chairs and secretary-general as the chair\'s council', () => {
    expect(['主任', '副主任', '秘书长', '委员'].map(isChairsCouncil)).toEqual([true, true, true, false]);
  });
});
