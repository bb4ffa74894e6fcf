import { ADMIN_ROLES, BodyLiaisonChanged, UnitRosterChanged, refuse, type Machine } from '@congress/contracts';

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

/** A responsible body's liaison (承办单位联络员): a person of the unit with the role `body-liaison` and the body. */
export type LiaisonState = 'none' | 'liaison' | 'former';
export type LiaisonAction = 'add' | 'remove';

export interface LiaisonInput {
  /** add: whether the body named belongs to the unit. */
  bodyKnown?: boolean;
}

/** Who may name or remove a body's liaison: the unit's administrators, in their own unit, for a body of the unit. */
export const LIAISON_MACHINE: Machine<LiaisonAction, LiaisonState, unknown, LiaisonInput> = {
  noun: '联络员',
  otherUnit: '只能管理本单位承办单位的联络员',
  actionNames: { add: '添加联络员', remove: '移除联络员' },
  stateNames: { none: '不是联络员', liaison: '联络员', former: '已移除' },
  rows: [
    {
      action: 'add',
      from: ['none'],
      roles: ADMIN_ROLES,
      roleRefusal: '只有单位管理员可以管理联络员',
      scope: 'own-unit',
      guard: ({ input }) => (input?.bodyKnown === false ? refuse(404, '本单位没有这个承办单位', { field: 'bodyId', rule: 'unknown_body' }) : null),
      to: 'liaison',
      event: BodyLiaisonChanged.name,
    },
    { action: 'remove', from: ['liaison'], roles: ADMIN_ROLES, roleRefusal: '只有单位管理员可以管理联络员', scope: 'own-unit', to: 'former', event: BodyLiaisonChanged.name },
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

/** A login made for a person without one: a letter for the kind of person, the unit code and a sequence. */
export function generatedUsername(kind: 'member' | 'liaison', unitCode: string, sequence: number): string {
  return `${kind === 'member' ? 'm' : 'l'}${unitCode}${String(sequence).padStart(3, '0')}`;
}
