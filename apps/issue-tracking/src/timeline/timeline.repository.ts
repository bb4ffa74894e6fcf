import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface TimelineFacts {
  findings: { at: Date; n: number; actor: string }[];
  opinions: { session: string; created_at: Date; created_by: string; deliberated_on: string; transmitted_at: Date | null; due: string | null; problems: number; bodies: number }[];
  closedDays: { at: Date; n: number; actor: string }[];
  history: { at: Date; action: string; summary: string; actor: string; number: string }[];
  lookBacks: { at: Date; checked_on: string; result: string; actor: string; number: string }[];
  evaluations: { at: Date; grade: string; passed: boolean; due: string | null; session: string | null }[];
}

/**
 * The project's closed loop read across the service's tables for its timeline: grouped by day
 * and joined, so raw SQL (a read model, nothing here writes).
 */
@Injectable()
export class TimelineRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async facts(projectId: string): Promise<TimelineFacts> {
    const q = (sql: string) => this.db.query(sql, [projectId]);
    const [findings, opinions, closedDays, history, lookBacks, evaluations] = await Promise.all([
      // One entry per Beijing day, at that day's last one: a day's findings or closures read as one step.
      q(`SELECT max(created_at) AS at, count(*)::int AS n, min(recorded_by) AS actor FROM findings WHERE project_id = $1 GROUP BY (created_at AT TIME ZONE 'Asia/Shanghai')::date`),
      q(`SELECT o.session, o.created_at, o.created_by, o.deliberated_on::text AS deliberated_on, o.transmitted_at, o.report_due_date::text AS due,
           (SELECT count(*)::int FROM problems p WHERE p.opinion_id = o.id) AS problems,
           (SELECT count(DISTINCT b)::int FROM problems p, unnest(p.body_ids) AS b WHERE p.opinion_id = o.id) AS bodies
         FROM opinions o WHERE o.project_id = $1`),
      q(`SELECT max(closed_at) AS at, count(*)::int AS n, min(closed_by) AS actor FROM problems WHERE project_id = $1 AND closed_at IS NOT NULL GROUP BY (closed_at AT TIME ZONE 'Asia/Shanghai')::date`),
      q(`SELECT h.at, h.action, h.summary, h.actor, p.number FROM problem_history h JOIN problems p ON p.id = h.problem_id
         WHERE p.project_id = $1 AND h.action IN ('reopen', 'extend')`),
      q(`SELECT l.recorded_at AS at, l.checked_on::text AS checked_on, l.result, l.recorded_by AS actor, p.number FROM look_backs l JOIN problems p ON p.id = l.problem_id WHERE p.project_id = $1`),
      q(`SELECT e.applied_at AS at, e.grade, e.passed, e.deferred_report_due::text AS due, o.session FROM evaluation_outcomes e LEFT JOIN opinions o ON o.id = e.opinion_id WHERE e.project_id = $1`),
    ]);
    return { findings, opinions, closedDays, history, lookBacks, evaluations };
  }
}
