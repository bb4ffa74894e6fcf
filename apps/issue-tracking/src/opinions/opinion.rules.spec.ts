import { describe, expect, it } from '@jest/globals';
import { roleNames, ALL_ROLES, cellsOf, decide, targetOf, type Actor } from '@congress/contracts';
import { OPINION_MACHINE, OPINION_STATUS_NAMES, opinionActionsOf, type OpinionAction, type OpinionStatus, type OpinionSubject } from './opinion.rules.js';

const STATUSES: OpinionStatus[] = ['draft', 'transmitted'];
const OFFICE = ['unit-admin', 'leader', 'staff'];

/** Who may take each action from which statuses, written out independently of the table. */
const EXPECTED: Record<OpinionAction, { from: OpinionStatus[]; who: 'office' | 'system' }> = {
  create: { from: ['draft'], who: 'office' },
  'add-problems': { from: ['draft', 'transmitted'], who: 'office' },
  transmit: { from: ['draft'], who: 'office' },
  'record-evaluation': { from: ['draft', 'transmitted'], who: 'system' },
};

type Who = { name: string; actor: Actor; kind: 'role' | 'liaison' | 'other-unit' | 'system'; role?: string };
const people: Who[] = [
  ...ALL_ROLES.filter((r) => r !== 'body-liaison').map((role) => ({ name: role, actor: { subject: role, unitCode: '431000', roles: [role] }, kind: 'role' as const, role })),
  { name: 'a body liaison', actor: { subject: 'b', unitCode: '431000', roles: ['body-liaison'], bodyId: 'a5e55adf-9030-5f99-9178-0586395daf56' }, kind: 'liaison' },
  { name: 'staff of another unit', actor: { subject: 'z', unitCode: '431081', roles: ['staff'] }, kind: 'other-unit' },
  { name: 'the system', actor: { subject: 'system', roles: [] }, kind: 'system' },
];
const at = (state: OpinionStatus, problemCount = 3): OpinionSubject => ({ state, unitCode: '431000', problemCount });

function expected(action: OpinionAction, state: OpinionStatus, who: Who) {
  const e = EXPECTED[action];
  const name = OPINION_MACHINE.actionNames[action];
  if (who.kind === 'other-unit') return { allowed: false, status: 403, reason: '只能处理本单位的审议意见和问题清单' };
  const may = who.kind === 'system' || (who.kind === 'role' && e.who === 'office' && OFFICE.includes(who.role!));
  if (!may) {
    if (e.who === 'system') return { allowed: false, status: 403, reason: '测评结果由满意度测评自动记录' };
    if (who.kind === 'liaison') return { allowed: false, status: 403, reason: `承办单位联络员不能${name}` };
    return { allowed: false, status: 403, reason: `${name}需要以下角色之一：${roleNames(OFFICE)}` };
  }
  if (!e.from.includes(state)) return { allowed: false, status: 409, reason: `审议意见当前为「${OPINION_STATUS_NAMES[state]}」，不能${name}` };
  return { allowed: true };
}

const cases = (Object.keys(EXPECTED) as OpinionAction[]).flatMap((action) => STATUSES.flatMap((state) => people.map((who) => [action, state, who.name, who] as const)));

describe('the opinion machine, row by row', () => {
  it('has a row for every action the expectations name, and no other', () => {
    expect([...new Set(OPINION_MACHINE.rows.map((r) => r.action))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('opens exactly the cells the expectations name', () => {
    const cells = cellsOf(OPINION_MACHINE).map((c) => `${c.action} from ${c.from}`).sort();
    expect(cells).toEqual(Object.entries(EXPECTED).flatMap(([action, e]) => e.from.map((from) => `${action} from ${from}`)).sort());
  });

  it.each(cases)('%s from %s by %s', (action, state, _name, who) => {
    const d = decide(OPINION_MACHINE, action, who.actor, at(state));
    const want = expected(action, state, who);
    if (want.allowed) expect(d).toEqual({ allowed: true });
    else expect(d).toMatchObject(want);
  });
});

describe('the opinion machine’s guards and targets', () => {
  const staff: Actor = { subject: 's', unitCode: '431000', roles: ['staff'] };

  it('transmits only a list with problems, each with a deadline of its own or the default', () => {
    expect(decide(OPINION_MACHINE, 'transmit', staff, at('draft', 0))).toEqual({ allowed: false, status: 409, reason: '问题清单是空的：请先添加问题再交办' });
    expect(decide(OPINION_MACHINE, 'transmit', staff, at('draft'), { undated: ['431000-2021-01-002'] })).toMatchObject({
      status: 400,
      field: 'body.defaultDeadline',
      rule: 'required',
      reason: '问题 431000-2021-01-002 没有整改时限：请逐条填写，或提供统一的 defaultDeadline',
    });
    expect(decide(OPINION_MACHINE, 'transmit', staff, at('draft'), { undated: ['431000-2021-01-002'], defaultDeadline: '2099-01-01' })).toEqual({ allowed: true });
    expect(targetOf(OPINION_MACHINE, 'transmit', staff, at('draft'))).toBe('transmitted');
  });

  it('needs a deadline for every problem added after transmission, naming the first without', () => {
    expect(decide(OPINION_MACHINE, 'add-problems', staff, at('transmitted'), { deadlines: [null] })).toMatchObject({ status: 400, field: 'deadline', rule: 'required', reason: '审议意见已交办：补充的问题必须有整改时限' });
    expect(decide(OPINION_MACHINE, 'add-problems', staff, at('transmitted'), { deadlines: ['2099-01-01', null] })).toMatchObject({ status: 400, field: 'problems[1].deadline' });
    expect(decide(OPINION_MACHINE, 'add-problems', staff, at('draft'), { deadlines: [null] })).toEqual({ allowed: true });
    expect(targetOf(OPINION_MACHINE, 'add-problems', staff, at('transmitted'))).toBe('transmitted');
  });

  it('offers add-problems and transmit, never create or the evaluation’s record', () => {
    expect(opinionActionsOf(staff, at('draft'))).toEqual([
      { action: 'add-problems', allowed: true },
      { action: 'transmit', allowed: true, to: 'transmitted' },
    ]);
    expect(opinionActionsOf(staff, at('transmitted'))).toEqual([{ action: 'add-problems', allowed: true }]);
  });
});
