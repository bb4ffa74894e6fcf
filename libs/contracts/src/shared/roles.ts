import type { Role } from './common.js';

// The role sets of the platform, named once. Endpoints, rules tables and checks use these names;
// a literal list of roles elsewhere is refused by lint (eslint.config.mjs).

/** Staff of a standing committee's office who run its work (the office roles). */
export const OFFICE_ROLES = ['unit-admin', 'leader', 'staff'] as const satisfies readonly Role[];
/** Those who decide for a unit: chair's-council members and the unit's administrator. */
export const DECIDER_ROLES = ['leader', 'unit-admin'] as const satisfies readonly Role[];
/** Every signed-in role (the public portal is anonymous and outside this). */
export const ALL_ROLES = ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy', 'body-liaison'] as const satisfies readonly Role[];
/** Everyone of a unit who reads its supervision work; a body's liaison reads only its own body's problems. */
export const READER_ROLES = ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy'] as const satisfies readonly Role[];
/** Those who report for a responsible body: its liaison, and office staff recording for it (bodies often report on paper). */
export const REPORTER_ROLES = [...OFFICE_ROLES, 'body-liaison'] as const satisfies readonly Role[];
/** Those who administer units and rosters. */
export const ADMIN_ROLES = ['platform-admin', 'unit-admin'] as const satisfies readonly Role[];
/** Those who vote in a satisfaction evaluation (a chair's-council member is a committee member too). */
export const VOTER_ROLES = ['member', 'leader'] as const satisfies readonly Role[];

/** The Chinese name of each role, as users know it (refusals name roles this way, never by identifier). */
export const ROLE_NAMES: Record<Role, string> = {
  'platform-admin': '平台管理员',
  'unit-admin': '单位管理员',
  leader: '主任会议成员',
  member: '常委会组成人员',
  staff: '机关工作人员',
  deputy: '人大代表',
  'body-liaison': '承办单位联络员',
};

/** Roles as a user reads them: 主任会议成员、单位管理员. */
export const roleNames = (roles: readonly string[]): string => roles.map((r) => ROLE_NAMES[r as Role] ?? r).join('、');
