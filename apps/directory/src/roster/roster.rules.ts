import { ADMIN_ROLES, UnitRosterChanged, refuse, type Machine } from '@congress/contracts';

// ---- the machine -----------------------------------------------------------------------------

/** A person's place on the unit's committee roster: not on it yet, on it, or removed from it. */
export type RosterState = 'none' | 'member' | 'former';
export type RosterAction = 'add' | 'update' | 'remove';

export interface RosterFacts {
  /** The person's row version (0 before they exist). */
  version: number;
}

export interface RosterInput {
  /** add: whether the committee named belongs to the unit (absent: none named). */
  committeeKnown?: boolean;
  /** update: the version the caller read (absent: no check). */
  expectedVersion?: number;
}

/**
 * Who may change a unit's committee roster (组成人员名单): its own administrators. Every change,
 * applied by the service, bumps the unit's roster version and publishes the whole roster.
 */
export const ROSTER_MACHINE: Machine<RosterAction, RosterState, RosterFacts, RosterInput> = {
  noun: '组成人员',
  otherUnit: '只能修改本单位的名单',
  actionNames: { add: '添加组成人员', update: '修改组成人员职务', remove: '移出组成人员名单' },
  stateNames: { none: '不在名单中', member: '在名单中', former: '已移出名单' },
  rows: [
    {
      action: 'add',
      from: ['none'],
      roles: ADMIN_ROLES,
      roleRefusal: '只有单位管理员可以修改组成人员名单',
      scope: 'own-unit',
      guard: ({ input }) => (input?.committeeKnown === false ? refuse(400, '本单位没有这个委员会', { field: 'body.committeeId', rule: 'unknown_committee' }) : null),
      to: 'member',
      event: UnitRosterChanged.name,
    },
    {
      action: 'update',
      from: ['member'],
      roles: ADMIN_ROLES,
      roleRefusal: '只有单位管理员可以修改组成人员名单',
      scope: 'own-unit',
      guard: ({ subject, input }) =>
        input?.expectedVersion !== undefined && input.expectedVersion !== subject.version ? refuse(409, `该人员信息已被他人修改（当前版本 ${subject.version}），请刷新后重试`) : null,
      to: 'same',
      event: UnitRosterChanged.name,
    },
    { action: 'remove', from: ['member'], roles: ADMIN_ROLES, roleRefusal: '只有单位管理员可以修改组成人员名单', scope: 'own-unit', to: 'former', event: UnitRosterChanged.name },
  ],
};

// ---- derived facts ---------------------------------------------------------------------------

/** Order of members on a roster: chair, vice-chairs, secretary-general, members. */
const TITLE_RANK: Record<string, number> = { 主任: 1, 副主任: 2, 秘书长: 3, 委员: 4 };

export function rosterSortOrder(title: string, sequence: number): number {
  return (TITLE_RANK[title] ?? 9) * 10_000 + sequence;
}

/** The chair's council is the chair, the vice-chairs and the secretary-general. */
export function isChairsCouncil(title: string): boolean {
  return title === '主任' || title === '副主任' || title === '秘书长';
}
