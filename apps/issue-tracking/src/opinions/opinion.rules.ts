import { OFFICE_ROLES, allowedActionsOf, refuse, type Actor, type AllowedAction, type Machine, type Opinion, type Subject } from '@congress/contracts';

export type OpinionStatus = Opinion['status'];
export type OpinionAction = 'create' | 'add-problems' | 'transmit' | 'record-evaluation';

export const OPINION_STATUS_NAMES: Record<OpinionStatus, string> = { draft: '待交办', transmitted: '已交办' };

export interface OpinionFacts {
  problemCount: number;
}
export type OpinionSubject = Subject<OpinionStatus> & OpinionFacts;

export interface OpinionDecisionInput {
  /** add-problems: the deadlines of the problems added, in order. */
  deadlines?: readonly (string | null)[];
  /** transmit: the numbers of draft problems without a deadline, and the default given. */
  undated?: readonly string[];
  defaultDeadline?: string;
}

/**
 * A deliberation opinion from its recording to transmission (交办) with its problem list, and
 * what a satisfaction evaluation records on it. Its problems' own life is PROBLEM_MACHINE's.
 */
export const OPINION_MACHINE: Machine<OpinionAction, OpinionStatus, OpinionFacts, OpinionDecisionInput> = {
  noun: '审议意见',
  otherUnit: '只能处理本单位的审议意见和问题清单',
  actionNames: { create: '录入审议意见', 'add-problems': '添加问题', transmit: '交办', 'record-evaluation': '记录测评结果' },
  stateNames: OPINION_STATUS_NAMES,
  rows: [
    // A new opinion is checked as a draft of the project's unit.
    { action: 'create', from: ['draft'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'draft', event: null },
    { action: 'add-problems', from: ['draft'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    {
      // After transmission a supplementary problem is assigned at once, so it needs its deadline.
      action: 'add-problems',
      from: ['transmitted'],
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      guard: ({ input }) => {
        const i = input?.deadlines?.findIndex((d) => !d) ?? -1;
        if (i < 0) return null;
        return refuse(400, '审议意见已交办：补充的问题必须有整改时限', { field: input!.deadlines!.length > 1 ? `problems[${i}].deadline` : 'deadline', rule: 'required' });
      },
      to: 'same',
      event: null,
    },
    {
      action: 'transmit',
      from: ['draft'],
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      guard: ({ subject, input }) => {
        if (subject.problemCount === 0) return refuse(409, '问题清单是空的：请先添加问题再交办');
        if (input?.undated?.length && !input.defaultDeadline) {
          return refuse(400, `问题 ${input.undated.join('、')} 没有整改时限：请逐条填写，或提供统一的 defaultDeadline`, { field: 'body.defaultDeadline', rule: 'required' });
        }
        return null;
      },
      to: 'transmitted',
      event: 'opinion.transmitted.v1',
    },
    // evaluation.closed.v1: the result, and for a failed one the deferred report's due date (延期报告).
    { action: 'record-evaluation', from: ['draft', 'transmitted'], roles: [], roleRefusal: '测评结果由满意度测评自动记录', scope: 'own-unit', to: 'same', event: null },
  ],
};

const NOT_OFFERED: readonly OpinionAction[] = ['create', 'record-evaluation'];

/** What the caller may do with the opinion now (the `allowedActions` of every opinion the API returns). */
export function opinionActionsOf(actor: Actor, subject: OpinionSubject): AllowedAction[] {
  return allowedActionsOf(OPINION_MACHINE, actor, subject).filter((a) => !NOT_OFFERED.includes(a.action as OpinionAction));
}

/** An opinion about to be recorded for a project of `unitCode`. */
export const newOpinion = (unitCode: string): OpinionSubject => ({ state: 'draft', unitCode, problemCount: 0 });

/** An opinion as the repository reads it. */
export type OpinionRecord = Omit<Opinion, 'allowedActions'>;

export const opinionSubjectOf = (o: OpinionRecord): OpinionSubject => ({ state: o.status, unitCode: o.unitCode, problemCount: o.problemCount });

export const toOpinion = (o: OpinionRecord, actor: Actor): Opinion => ({ ...o, allowedActions: opinionActionsOf(actor, opinionSubjectOf(o)) });
