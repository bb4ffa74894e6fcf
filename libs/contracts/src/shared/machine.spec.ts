import { describe, expect, it } from '@jest/globals';
import type { Actor } from './common.js';
import { allowedActionsOf, decide, refuse, targetOf, type Machine } from './machine.js';
import { OFFICE_ROLES } from './roles.js';

type S = 'open' | 'asked' | 'done';
type A = 'report' | 'ask' | 'accept' | 'reopen';
const doorMachine: Machine<A, S, { evidence: number }, { note?: string }> = {
  noun: '事项',
  otherUnit: '只能处理本单位的事项',
  actionNames: { report: '报告', ask: '申请', accept: '核验', reopen: '重新打开' },
  stateNames: { open: '进行中', asked: '已申请', done: '已完成' },
  rows: [
    { action: 'report', from: ['open'], roles: OFFICE_ROLES, liaison: 'any-body', scope: 'own-unit', to: 'open', event: null },
    { action: 'ask', from: ['open'], roles: OFFICE_ROLES, liaison: 'responsible', scope: 'own-unit', guard: ({ subject }) => (subject.evidence > 0 ? null : refuse(409, '缺少证明材料')), to: 'asked', event: 'x.asked.v1' },
    { action: 'accept', from: ['asked'], roles: ['leader'], scope: 'own-unit', guard: ({ input }) => (input && !input.note ? refuse(400, '需要说明', { field: 'body.note', rule: 'required' }) : null), to: 'done', event: 'x.done.v1' },
    { action: 'reopen', from: ['done'], roles: ['staff'], scope: 'own-unit', to: 'same', event: null },
    { action: 'reopen', from: ['asked'], roles: ['leader'], roleRefusal: '只有主任会议成员可以', scope: 'own-unit', to: ({ subject }) => (subject.evidence > 1 ? 'open' : 'asked'), event: null },
  ],
};
const staff: Actor = { subject: 's', unitCode: '431000', roles: ['staff'] };
const leader: Actor = { subject: 'l', unitCode: '431000', roles: ['leader'] };
const other: Actor = { subject: 'o', unitCode: '431081', roles: ['leader'] };
const lead: Actor = { subject: 'b', unitCode: '431000', roles: ['body-liaison'], bodyId: 'B1' };
const co: Actor = { subject: 'c', unitCode: '431000', roles: ['body-liaison'], bodyId: 'B2' };
const stranger: Actor = { subject: 'x', unitCode: '431000', roles: ['body-liaison'], bodyId: 'B9' };
const system: Actor = { subject: 'system', roles: [] };
const at = (state: S, evidence = 1) => ({ state, unitCode: '431000', evidence, bodies: { responsible: 'B1', co: ['B2'] } });

describe('the rules-table machine every aggregate uses', () => {
  it('refuses another unit first, with the machine\'s own words', () => {
    expect(decide(doorMachine, 'accept', other, at('asked'))).toEqual({ allowed: false, status: 403, reason: '只能处理本单位的事项' });
  });

  it('tells a liaison of an unrelated body nothing (404), and lets co-responsible bodies report but not ask', () => {
    expect(decide(doorMachine, 'report', stranger, at('open'))).toMatchObject({ allowed: false, status: 404 });
    expect(decide(doorMachine, 'report', co, at('open'))).toEqual({ allowed: true });
    expect(decide(doorMachine, 'ask', co, at('open'))).toEqual({ allowed: false, status: 403, reason: '承办单位联络员不能申请（只有牵头责任单位可以）' });
    expect(decide(doorMachine, 'ask', lead, at('open'))).toEqual({ allowed: true });
  });

  it('checks the role before the state, so a stranger to the action learns nothing of the state', () => {
    expect(decide(doorMachine, 'accept', staff, at('open'))).toMatchObject({ allowed: false, status: 403, reason: '核验需要以下角色之一：主任会议成员' });
    expect(decide(doorMachine, 'accept', leader, at('open'))).toEqual({ allowed: false, status: 409, reason: '事项当前为「进行中」，不能核验' });
  });

  it('applies the row\'s own roles where rows of one action differ by state', () => {
    expect(decide(doorMachine, 'reopen', staff, at('done'))).toEqual({ allowed: true });
    expect(decide(doorMachine, 'reopen', staff, at('asked'))).toEqual({ allowed: false, status: 403, reason: '只有主任会议成员可以' });
  });

  it('runs guards on facts always and on input only when there is input', () => {
    expect(decide(doorMachine, 'ask', staff, at('open', 0))).toEqual({ allowed: false, status: 409, reason: '缺少证明材料' });
    expect(decide(doorMachine, 'accept', leader, at('asked'))).toEqual({ allowed: true });
    expect(decide(doorMachine, 'accept', leader, at('asked'), {})).toEqual({ allowed: false, status: 400, reason: '需要说明', field: 'body.note', rule: 'required' });
  });

  it('decides unit, role and state without the guards when asked to, before the facts are loaded', () => {
    expect(decide(doorMachine, 'ask', staff, at('open', 0), undefined, { guards: false })).toEqual({ allowed: true });
    expect(decide(doorMachine, 'ask', other, at('open', 0), undefined, { guards: false })).toMatchObject({ allowed: false, status: 403 });
    expect(decide(doorMachine, 'ask', staff, at('asked', 0), undefined, { guards: false })).toMatchObject({ allowed: false, status: 409 });
  });

  it('lets the system actor past unit and role, never past state', () => {
    expect(decide(doorMachine, 'reopen', system, at('asked'))).toEqual({ allowed: true });
    expect(decide(doorMachine, 'accept', system, at('open'))).toMatchObject({ allowed: false, status: 409 });
  });

  it('computes the target state from the row', () => {
    expect(targetOf(doorMachine, 'ask', staff, at('open'))).toBe('asked');
    expect(targetOf(doorMachine, 'reopen', staff, at('done'))).toBe('done');
    expect(targetOf(doorMachine, 'reopen', leader, at('asked', 2))).toBe('open');
  });

  it('lists the actions open from the state, allowed or with the reason, from the same table', () => {
    expect(allowedActionsOf(doorMachine, staff, at('open', 0))).toEqual([
      { action: 'report', allowed: true, to: 'open' },
      { action: 'ask', allowed: false, reason: '缺少证明材料', to: 'asked' },
    ]);
    expect(allowedActionsOf(doorMachine, stranger, at('open'))).toEqual([]);
    expect(allowedActionsOf(doorMachine, other, at('asked'))).toEqual([
      { action: 'accept', allowed: false, reason: '只能处理本单位的事项', to: 'done' },
      { action: 'reopen', allowed: false, reason: '只能处理本单位的事项' },
    ]);
  });
});
