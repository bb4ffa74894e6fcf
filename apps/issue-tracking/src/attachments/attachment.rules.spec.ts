import { describe, expect, it } from '@jest/globals';
import { ALL_ROLES, decide, type Actor } from '@congress/contracts';
import { FINDING_MACHINE, newFinding } from '../findings/finding.rules.js';
import { FINDING_ATTACHMENT_MACHINE, PROBLEM_ATTACHMENT_MACHINE, mayRead, type OwnerState } from './attachment.rules.js';

const LEAD = 'a5e55adf-9030-5f99-9178-0586395daf56';
const CO = '267af8e2-ea90-591b-ad08-e7945d5f1fdf';
const OFFICE = ['unit-admin', 'leader', 'staff'];
const roles = ALL_ROLES.filter((r) => r !== 'body-liaison').map((role) => [role, { subject: role, unitCode: '431000', roles: [role] } as Actor] as const);
const liaison = (bodyId: string): Actor => ({ subject: 'b', unitCode: '431000', roles: ['body-liaison'], bodyId });
const otherUnit: Actor = { subject: 'z', unitCode: '431081', roles: ['staff'] };
const problem = (state: OwnerState) => ({ state, unitCode: '431000', bodies: { responsible: LEAD, co: [CO] } });
const finding = { state: 'open' as const, unitCode: '431000' };

describe('who may attach a file to a problem, row by row', () => {
  it.each(roles)('%s may attach to an open problem of its unit only with an office role', (role, actor) => {
    const d = decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', actor, problem('open'));
    if (OFFICE.includes(role)) expect(d).toEqual({ allowed: true });
    else expect(d).toEqual({ allowed: false, status: 403, reason: '上传附件需要以下角色之一：单位管理员、主任会议成员、机关工作人员' });
  });

  it('lets the lead and co-responsible bodies’ liaisons attach, hides the problem from another body’s', () => {
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', liaison(LEAD), problem('open'))).toEqual({ allowed: true });
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', liaison(CO), problem('open'))).toEqual({ allowed: true });
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', liaison('other'), problem('open'))).toMatchObject({ allowed: false, status: 404 });
  });

  it('refuses another unit and a closed problem', () => {
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', otherUnit, problem('open'))).toEqual({ allowed: false, status: 403, reason: '只能为本单位的问题上传附件' });
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', liaison(LEAD), problem('closed'))).toEqual({ allowed: false, status: 409, reason: '问题当前为「已销号」，不能上传附件' });
    expect(decide(PROBLEM_ATTACHMENT_MACHINE, 'attach', roles[2]![1], problem('closed'))).toMatchObject({ status: 409 });
  });

  it('shows a problem’s files to its bodies’ liaisons only, a finding’s to no liaison', () => {
    expect(mayRead(liaison(CO), problem('open'))).toBe(true);
    expect(mayRead(liaison('other'), problem('open'))).toBe(false);
    expect(mayRead(liaison(LEAD), finding)).toBe(false);
    expect(mayRead(roles[0]![1], finding)).toBe(true);
  });
});

describe('who may record a finding or attach a file to it, row by row', () => {
  it.each(roles)('%s: only the office of the finding’s unit', (role, actor) => {
    const office = (name: string) => (OFFICE.includes(role) ? { allowed: true } : { allowed: false, status: 403, reason: `${name}需要以下角色之一：单位管理员、主任会议成员、机关工作人员` });
    expect(decide(FINDING_MACHINE, 'record', actor, newFinding('431000'))).toEqual(office('记录调研发现'));
    expect(decide(FINDING_ATTACHMENT_MACHINE, 'attach', actor, finding)).toEqual(office('上传附件'));
  });

  it('refuses a liaison and another unit', () => {
    expect(decide(FINDING_MACHINE, 'record', liaison(LEAD), newFinding('431000'))).toEqual({ allowed: false, status: 403, reason: '承办单位联络员不能记录调研发现' });
    expect(decide(FINDING_ATTACHMENT_MACHINE, 'attach', liaison(LEAD), finding)).toEqual({ allowed: false, status: 403, reason: '承办单位联络员不能上传附件' });
    expect(decide(FINDING_MACHINE, 'record', otherUnit, newFinding('431000'))).toEqual({ allowed: false, status: 403, reason: '只能处理本单位的审议意见和问题清单' });
    expect(decide(FINDING_ATTACHMENT_MACHINE, 'attach', otherUnit, finding)).toEqual({ allowed: false, status: 403, reason: '只能处理本单位的审议意见和问题清单' });
  });
});
