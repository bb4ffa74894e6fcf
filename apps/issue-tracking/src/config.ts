import { DEFAULT_PORTS } from '@congress/contracts';
import { BaseEnv } from '@congress/service-kit';
import { z } from 'zod';

export const IssueTrackingEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS['issue-tracking']),
  /** A problem whose deadline is within this many days turns yellow (预警). */
  PROBLEM_AT_RISK_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** A problem with no progress reported for this many days turns yellow. */
  PROBLEM_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** How often deadlines are checked for `problem.overdue.v1`; 0 turns the check off. */
  OVERDUE_CHECK_MS: z.coerce.number().int().min(0).default(60_000),
  /** A failed evaluation also reopens problems closed within this many days before it. */
  REOPEN_CLOSED_WITHIN_DAYS: z.coerce.number().int().min(0).max(3650).default(365),
});
export type IssueTrackingEnv = z.infer<typeof IssueTrackingEnv>;
