import { z } from 'zod';
import { Actor, PageQuery, UnitCode, Uuid, pageOf } from '../shared/common.js';
import { defineEvent, defineRequest } from '../shared/define.js';

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

const MemberTitle = z.enum(['主任', '副主任', '秘书长', '委员'], { error: '职务必须是 主任、副主任、秘书长 或 委员' });

export const RosterMemberInput = z.object({
  name: z.string().trim().min(2, { error: '姓名至少 2 个字' }).max(32, { error: '姓名不能超过 32 个字' }),
  title: MemberTitle.default('委员'),
  committeeId: Uuid.nullable().optional(),
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
