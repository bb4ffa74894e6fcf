import { DEFAULT_PORTS } from '@congress/contracts';
import { BaseEnv } from '@congress/service-kit';
import { z } from 'zod';

export const ProjectLibraryEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS['project-library']),
  /** A milestone due within this many days and not done turns a project yellow (预警). */
  PROJECT_AT_RISK_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** How often milestones are checked for due and overdue events; 0 turns the check off. */
  MILESTONE_CHECK_MS: z.coerce.number().int().min(0).default(60_000),
});
export type ProjectLibraryEnv = z.infer<typeof ProjectLibraryEnv>;
