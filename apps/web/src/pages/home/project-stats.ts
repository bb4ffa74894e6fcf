import { api, unwrap } from '../../api/client';
import { PROJECT_STAGES } from '../../api/enums';
import type { Project, ProjectStage } from '../../api/types';

export interface ProjectStats {
  byStage: Record<ProjectStage, number>;
  /** Withdrawn projects excluded. */
  total: number;
  /** More projects exist than were counted (the scan stops at MAX_PAGES). */
  truncated: boolean;
}

const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/** Counts per stage from a scan of the unit's library (the API has no count endpoint for projects yet). */
export function countStages(projects: readonly Pick<Project, 'stage'>[]): Pick<ProjectStats, 'byStage' | 'total'> {
  const byStage = Object.fromEntries(PROJECT_STAGES.map((s) => [s, 0])) as Record<ProjectStage, number>;
  for (const project of projects) byStage[project.stage] += 1;
  return { byStage, total: projects.length - byStage.withdrawn };
}

export async function loadProjectStats(unit: string, signal: AbortSignal): Promise<ProjectStats> {
  const projects: Project[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { unit, limit: PAGE_SIZE, cursor } }, signal }));
    projects.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < MAX_PAGES);
  return { ...countStages(projects), truncated: !!cursor };
}
