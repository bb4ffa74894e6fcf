import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@congress/contracts';
import { decide, isLiaison, lightOf, missingEvidence, problemNumber, worstLight } from './problem.rules.js';

const BODY = 'a5e55adf-9030-5f99-9178-0586395daf56';
const CO = '267af8e2-ea90-591b-ad08-e7945d5f1fdf';
const problem = { unitCode: '431000', status: 'rectifying' as const, responsibleBodyId: BODY, coBodyIds: [CO] };
const actor = (roles: string[], extra: Partial<Actor> = {}): Actor => ({ subject: 'x', unitCode: '431000', roles, ...extra });

describe('who may do what to a problem', () => {
  it('lets the responsible body’s liaison report and ask to close, a co-responsible one only report', () => {
    expect(decide('close-request', actor(['body-liaison'], { bodyId: BODY }), problem)).toEqual({ allowed: true });
    expect(decide('progress', actor(['body-liaison'], { bodyId: CO }), problem)).toEqual({ allowed: true });
    expect(decide('close-request', actor(['body-liaison'], { bodyId: CO }), problem)).toMatchObject({ allowed: false, status: 403 });
  });

  it('hides a problem from a liaison of an unrelated body', () => {
    expect(decide('progress', actor(['body-liaison'], { bodyId: 'other' }), problem)).toMatchObject({ allowed: false, status: 404 });
  });

  it('keeps verification with unit staff and extension decisions with leaders', () => {
    const requested = { ...problem, status: 'close-requested' as const };
    expect(decide('accept', actor(['staff']), requested)).toEqual({ allowed: true });
    expect(decide('accept', actor(['body-liaison'], { bodyId: BODY }), requested)).toMatchObject({ status: 403 });
    expect(decide('accept', actor(['member']), requested)).toMatchObject({ status: 403 });
    expect(decide('decide-extension', actor(['staff']), problem)).toMatchObject({ status: 403 });
    expect(decide('decide-extension', actor(['leader']), problem)).toEqual({ allowed: true });
  });

  it('refuses moves the status does not allow, with the status named', () => {
    expect(decide('accept', actor(['staff']), problem)).toMatchObject({ allowed: false, status: 409, reason: expect.stringContaining('整改中') });
    expect(decide('progress', actor(['staff']), { ...problem, status: 'closed' })).toMatchObject({ status: 409 });
    expect(decide('look-back', actor(['staff']), { ...problem, status: 'closed' })).toEqual({ allowed: true });
  });

  it('refuses another unit', () => {
    expect(decide('progress', { ...actor(['staff']), unitCode: '431081' }, problem)).toMatchObject({ status: 403 });
  });

  it('treats a liaison who is also staff as staff', () => {
    expect(isLiaison(actor(['body-liaison', 'staff'], { bodyId: BODY }))).toBe(false);
  });
});

describe('derived facts', () => {
  const policy = { today: '2022-06-01', atRiskDays: 7, staleDays: 14, now: new Date('2022-06-01T04:00:00Z') };
  const recent = new Date('2022-05-30T00:00:00Z');

  it('lights red past the deadline, yellow near it or when silent too long, green otherwise', () => {
    expect(lightOf({ status: 'rectifying', deadline: '2022-05-31', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('red');
    expect(lightOf({ status: 'rectifying', deadline: '2022-06-08', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('yellow');
    expect(lightOf({ status: 'rectifying', deadline: '2022-06-09', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('green');
    expect(lightOf({ status: 'assigned', deadline: '2022-12-31', lastProgressAt: null, assignedAt: new Date('2022-05-17T00:00:00Z') }, policy)).toBe('yellow');
    expect(lightOf({ status: 'closed', deadline: '2020-01-01', lastProgressAt: null, assignedAt: null }, policy)).toBe('green');
    expect(worstLight(['green', 'yellow', 'green'])).toBe('yellow');
    expect(worstLight(['yellow', 'red'])).toBe('red');
  });

  it('lists the required evidence not provided', () => {
    expect(missingEvidence(['document', 'site-photo'], ['document', null])).toEqual([{ kind: 'site-photo', name: '现场照片' }]);
    expect(missingEvidence([], [])).toEqual([]);
  });

  it('numbers problems unit-year-project-sequence', () => {
    expect(problemNumber('431000', 2021, 3, 7)).toBe('431000-2021-03-007');
  });
});
