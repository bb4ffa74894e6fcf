import { describe, expect, it } from '@jest/globals';
import { decideTransition, nextStages, type TransitionFacts } from './project.rules.js';

const facts: TransitionFacts = { hasResponsibilityLetter: false, hasRoadmap: false, openProblems: undefined, lastEvaluationPassed: undefined };
const approval = { decidingBody: 'chairs-council' as const, decisionDate: '2022-02-18', documentNumber: '郴人常办〔2022〕3号' };
const staff = ['staff'];
const leader = ['leader'];

describe('project stage machine', () => {
  it('moves a candidate from reserve to planning for staff', () => {
    expect(decideTransition({ from: 'reserve', to: 'planning', roles: staff }, facts)).toEqual({ allowed: true });
  });

  it('refuses an illegal move with 409 and lists the legal ones', () => {
    const d = decideTransition({ from: 'reserve', to: 'closed', roles: leader }, facts);
    expect(d).toMatchObject({ allowed: false, status: 409 });
    expect(d.allowed || d.reason).toContain('可以转到：谋划、撤销');
  });

  it('refuses approval by staff', () => {
    expect(decideTransition({ from: 'planning', to: 'approved', roles: staff, approval }, facts)).toMatchObject({ allowed: false, status: 403 });
  });

  it('refuses approval without the decision, naming the field', () => {
    expect(decideTransition({ from: 'planning', to: 'approved', roles: leader }, facts)).toMatchObject({ allowed: false, status: 400, field: 'body.approval' });
  });

  it('approves with deciding body, date and document number by a leader', () => {
    expect(decideTransition({ from: 'planning', to: 'approved', roles: leader, approval }, facts)).toEqual({ allowed: true });
  });

  it('refuses implementing without a responsibility letter and a roadmap', () => {
    const d = decideTransition({ from: 'approved', to: 'implementing', roles: staff }, facts);
    expect(d).toMatchObject({ allowed: false, status: 409 });
    expect(d.allowed || d.reason).toBe('进入实施前需要先有责任书和路线图');
    expect(decideTransition({ from: 'approved', to: 'implementing', roles: staff }, { ...facts, hasResponsibilityLetter: true, hasRoadmap: true })).toEqual({ allowed: true });
  });

  it('closes only when every problem is closed and the last evaluation passed', () => {
    expect(decideTransition({ from: 'tracking', to: 'closed', roles: leader }, facts)).toMatchObject({ allowed: false, status: 409 });
    expect(decideTransition({ from: 'tracking', to: 'closed', roles: leader }, { ...facts, openProblems: 2, lastEvaluationPassed: true })).toMatchObject({ allowed: false, reason: '还有 2 个问题未销号，不能办结' });
    expect(decideTransition({ from: 'tracking', to: 'closed', roles: leader }, { ...facts, openProblems: 0, lastEvaluationPassed: false })).toMatchObject({ allowed: false });
    expect(decideTransition({ from: 'tracking', to: 'closed', roles: leader }, { ...facts, openProblems: 0, lastEvaluationPassed: true })).toEqual({ allowed: true });
  });

  it('withdraws with a reason; an approved project only by a decider', () => {
    expect(decideTransition({ from: 'reserve', to: 'withdrawn', roles: staff }, facts)).toMatchObject({ allowed: false, status: 400, field: 'body.reason' });
    expect(decideTransition({ from: 'reserve', to: 'withdrawn', roles: staff, reason: '并入其他项目' }, facts)).toEqual({ allowed: true });
    expect(decideTransition({ from: 'approved', to: 'withdrawn', roles: staff, reason: '调整' }, facts)).toMatchObject({ allowed: false, status: 403 });
    expect(decideTransition({ from: 'approved', to: 'withdrawn', roles: leader, reason: '调整' }, facts)).toEqual({ allowed: true });
  });

  it('ends nowhere after closure or withdrawal', () => {
    expect(nextStages('closed')).toEqual([]);
    expect(nextStages('withdrawn')).toEqual([]);
    expect(decideTransition({ from: 'withdrawn', to: 'planning', roles: leader }, facts)).toMatchObject({ allowed: false, status: 409 });
  });
});
