import { z } from 'zod';
import { UnitCode, Uuid } from '../shared/common.js';
import { defineEvent } from '../shared/define.js';

/** 满意 / 基本满意 / 不满意. */
export const EvaluationGrade = z.enum(['satisfied', 'basic', 'unsatisfied']);
export type EvaluationGrade = z.infer<typeof EvaluationGrade>;

/**
 * A satisfaction evaluation (审议测评) was closed and its result announced. Counts only: no event
 * ever carries who voted how. An `unsatisfied` grade requires a deferred report by
 * `deferredReportDue`; issue-tracking reopens the opinion's problems with that deadline.
 */
export const EvaluationClosed = defineEvent({
  name: 'evaluation.closed.v1',
  producer: 'voting',
  payload: z.object({
    evaluationId: Uuid,
    unitCode: UnitCode,
    projectId: Uuid,
    /** The deliberation opinion whose handling was evaluated. */
    opinionId: Uuid.nullable(),
    session: z.string(),
    heldOn: z.string(),
    counts: z.object({
      satisfied: z.number().int().min(0),
      basic: z.number().int().min(0),
      unsatisfied: z.number().int().min(0),
      notVoting: z.number().int().min(0),
    }),
    /** (satisfied + basically satisfied) / ballots cast, 0–1. */
    satisfactionRate: z.number().min(0).max(1),
    grade: EvaluationGrade,
    /** True unless the grade is unsatisfied. */
    passed: z.boolean(),
    /** The rule the result was counted under, as stored with it. */
    rule: z.record(z.string(), z.unknown()),
    /** Set when the grade is unsatisfied: the deferred report (延期报告) is due then. */
    deferredReportDue: z.iso.date().nullable(),
  }),
});
