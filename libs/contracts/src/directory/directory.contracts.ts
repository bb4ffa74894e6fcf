import { z } from 'zod';
import { Actor, PageQuery, UnitCode, Uuid, pageOf } from '../shared/common.js';
import { defineEvent, defineRequest } from '../shared/define.js';
import { AllowedActions } from '../shared/machine.js';

export const UnitLevel = z.enum(['province', 'city', 'county']);
export type UnitLevel = z.infer<typeof UnitLevel>;

export const Unit = z.object({
  code: UnitCode,
  name: z.string(),
  region: z.string(),
  level: UnitLevel,
  parentCode: UnitCode.nullable(),
});
export type Unit = z.infer<typeof Unit>;

export type UnitNode = Unit & { children: UnitNode[] };
export const UnitNode: z.ZodType<UnitNode> = Unit.extend({
  children: z.lazy(() => z.array(UnitNode)),
}).meta({ title: 'UnitNode', description: '单位及其下级单位' });

export const CommitteeKind = z.enum(['special', 'working', 'office']);
export const Committee = z.object({
  id: Uuid,
  unitCode: UnitCode,
  name: z.string(),
  shortName: z.string(),
  kind: CommitteeKind,
});
export type Committee = z.infer<typeof Committee>;

export const BodyKind = z.enum(['government', 'supervisory-commission', 'court', 'procuratorate', 'department']);
export const Body = z.object({
  id: Uuid,
  unitCode: UnitCode,
  name: z.string(),
  shortName: z.string(),
  kind: BodyKind,
  parentBodyId: Uuid.nullable(),
});
export type Body = z.infer<typeof Body>;

export const PersonRole = z.enum(['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy', 'body-liaison']);
export const Person = z.object({
  id: Uuid,
  unitCode: UnitCode,
  name: z.string(),
  roles: z.array(PersonRole),
  title: z.string(),
  chairsCouncil: z.boolean(),
  committeeId: Uuid.nullable(),
  bodyId: Uuid.nullable(),
  username: z.string().nullable(),
  onRoster: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const RosterMember = z.object({ personId: Uuid, name: z.string(), title: z.string(), chairsCouncil: z.boolean() });
export type RosterMember = z.infer<typeof RosterMember>;

// ---- requests served by directory -------------------------------------------------------

export const UnitList = defineRequest({
  subject: 'directory.unit.list',
  service: 'directory',
  request: z.object({}),
  response: z.object({ items: z.array(Unit) }),
});

export const UnitGet = defineRequest({
  subject: 'directory.unit.get',
  service: 'directory',
  request: z.object({ code: UnitCode }),
  response: Unit,
});

export const UnitPeople = defineRequest({
  subject: 'directory.unit.people',
  service: 'directory',
  request: PageQuery.extend({ code: UnitCode, role: PersonRole.optional() }),
  response: pageOf(Person),
});

export const UnitBodies = defineRequest({
  subject: 'directory.unit.bodies',
  service: 'directory',
  request: PageQuery.extend({ code: UnitCode }),
  response: pageOf(Body),
});

export const UnitCommittees = defineRequest({
  subject: 'directory.unit.committees',
  service: 'directory',
  request: PageQuery.extend({ code: UnitCode }),
  response: pageOf(Committee),
});

/**
 * A login name at the identity provider: what a member types at sign-in. Keycloak keeps usernames
 * in lower case, so upper-case letters are refused here rather than silently changed there.
 */
export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, { error: '登录名须为 3–64 位小写字母、数字或 . _ -，以字母或数字开头' });

const MemberTitle = z.enum(['主任', '副主任', '秘书长', '委员'], { error: '职务必须是 主任、副主任、秘书长 或 委员' });

export const RosterMemberInput = z.object({
  name: z.string().trim().min(2, { error: '姓名至少 2 个字' }).max(32, { error: '姓名不能超过 32 个字' }),
  title: MemberTitle.default('委员'),
  committeeId: Uuid.nullable().optional(),
  /** The member's login; absent: one is made from the unit code (e.g. m431000007). An existing account of that name is linked, not duplicated. */
  username: Username.optional(),
});

export const RosterAdd = defineRequest({
  subject: 'directory.roster.add',
  service: 'directory',
  request: RosterMemberInput.extend({ code: UnitCode }),
  response: Person,
});

export const RosterUpdate = defineRequest({
  subject: 'directory.roster.update',
  service: 'directory',
  request: z.object({ code: UnitCode, personId: Uuid, title: MemberTitle, expectedVersion: z.number().int().optional() }),
  response: Person,
});

export const RosterRemove = defineRequest({
  subject: 'directory.roster.remove',
  service: 'directory',
  request: z.object({ code: UnitCode, personId: Uuid }),
  response: z.object({ removed: z.literal(true), rosterVersion: z.number().int() }),
});

// ---- liaisons of responsible bodies ----------------------------------------------------

export const LiaisonInput = z.object({
  name: z.string().trim().min(2, { error: '姓名至少 2 个字' }).max(32, { error: '姓名不能超过 32 个字' }),
  title: z.string().trim().max(32, { error: '职务不能超过 32 个字' }).default('联络员'),
  username: Username.optional(),
});

export const LiaisonAdd = defineRequest({
  subject: 'directory.liaison.add',
  service: 'directory',
  request: LiaisonInput.extend({ code: UnitCode, bodyId: Uuid }),
  response: Person,
});

export const LiaisonRemove = defineRequest({
  subject: 'directory.liaison.remove',
  service: 'directory',
  request: z.object({ code: UnitCode, bodyId: Uuid, personId: Uuid }),
  response: z.object({ removed: z.literal(true) }),
});

// ---- accounts at the identity provider ----------------------------------------------------

/**
 * Where a person's sign-in account stands:
 * - `pending`: being created, linked, updated or disabled at the identity provider (retried until it works);
 * - `linked`: the account exists, is enabled and its `sub` is on the person;
 * - `failed`: the identity provider refused in a way retrying will not fix (e.g. the login belongs to
 *   another unit's account): the office must act (link another login, or retry after fixing it);
 * - `unlinked`: the office detached the account (and it was disabled); nothing happens until it links one;
 * - `disabled`: the person no longer holds any role (left the roster, liaison removed): account disabled.
 */
export const AccountState = z.enum(['pending', 'linked', 'failed', 'unlinked', 'disabled']);
export type AccountState = z.infer<typeof AccountState>;

export const PersonAccount = z.object({
  personId: Uuid,
  unitCode: UnitCode,
  name: z.string(),
  roles: z.array(PersonRole),
  title: z.string(),
  bodyId: Uuid.nullable(),
  username: z.string().nullable(),
  /** Null: no account was ever asked for (a person of a bulk load without a login): the office starts it with `retry`. */
  state: AccountState.nullable(),
  /** Whether the person can sign in now: an enabled account linked to them. */
  hasAccount: z.boolean(),
  attempts: z.number().int(),
  /** The identity provider's last refusal or error, in words the office can act on. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  /** When the office last issued an initial or reset password (never the password itself). */
  passwordIssuedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** What the caller may do with the account now (the directory's ACCOUNT_MACHINE): link, unlink, retry, issue-password. */
  allowedActions: AllowedActions,
});
export type PersonAccount = z.infer<typeof PersonAccount>;

export const AccountList = defineRequest({
  subject: 'directory.account.list',
  service: 'directory',
  request: PageQuery.extend({ code: UnitCode, missing: z.boolean().default(false) }),
  response: pageOf(PersonAccount),
});

const AccountTarget = z.object({ code: UnitCode, personId: Uuid });

export const AccountLink = defineRequest({
  subject: 'directory.account.link',
  service: 'directory',
  request: AccountTarget.extend({ username: Username }),
  response: PersonAccount,
});

export const AccountUnlink = defineRequest({
  subject: 'directory.account.unlink',
  service: 'directory',
  request: AccountTarget,
  response: PersonAccount,
});

export const AccountRetry = defineRequest({
  subject: 'directory.account.retry',
  service: 'directory',
  request: AccountTarget,
  response: PersonAccount,
});

/** The initial (or a reset) password: shown once to the office, who hands it over; the person must change it at first sign-in. */
export const IssuedPassword = z.object({ personId: Uuid, username: z.string(), password: z.string(), temporary: z.literal(true) });

export const AccountIssuePassword = defineRequest({
  subject: 'directory.account.issue-password',
  service: 'directory',
  request: AccountTarget,
  response: IssuedPassword,
});

// ---- events published by directory -------------------------------------------------------

/** Full roster after the change, so a read copy can be rebuilt from any single event. */
export const UnitRosterChanged = defineEvent({
  name: 'unit.roster-changed.v1',
  producer: 'directory',
  payload: z.object({
    unitCode: UnitCode,
    rosterVersion: z.number().int().positive(),
    /** What changed; `imported` is a bulk load (seed, import) with no single person. */
    change: z.object({ kind: z.enum(['joined', 'left', 'updated', 'imported']), personId: Uuid.nullable(), name: z.string().nullable() }),
    /** `subject`: the member's login (identity provider subject), so voting knows who casts a ballot. */
    members: z.array(RosterMember.extend({ subject: z.string().nullable().default(null) })),
    changedBy: Actor.pick({ subject: true, username: true }),
  }),
});

/** A responsible body's liaison was added or removed (their account follows). */
export const BodyLiaisonChanged = defineEvent({
  name: 'body.liaison-changed.v1',
  producer: 'directory',
  payload: z.object({
    unitCode: UnitCode,
    bodyId: Uuid,
    change: z.enum(['joined', 'left']),
    personId: Uuid,
    name: z.string(),
    changedBy: Actor.pick({ subject: true, username: true }),
  }),
});
