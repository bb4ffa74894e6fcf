import type { TimelineEntry } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Entry = TimelineEntry;
const GRADES: Record<string, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/**
 * What issue-tracking knows of a project's closed loop, as timeline entries: research findings,
 * opinions and their transmission, close-outs (one entry per day, not per problem), reopenings,
 * extensions, look-backs and evaluation results. The gateway merges them with project-library's.
 */
@Injectable()
export class ProjectTimelineService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async entries(projectId: string): Promise<Entry[]> {
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
    const iso = (d: Date) => d.toISOString();
    const entries: Entry[] = [
      ...findings.map((f: { at: Date; n: number; actor: string }) => ({ at: iso(f.at), kind: 'finding' as const, summary: `记录调研发现的问题 ${f.n} 个`, actor: f.actor })),
      ...opinions.flatMap((o: { session: string; created_at: Date; created_by: string; deliberated_on: string; transmitted_at: Date | null; due: string | null; problems: number; bodies: number }) => [
        { at: iso(o.created_at), kind: 'opinion' as const, summary: `录入${o.session}（${o.deliberated_on}）的审议意见`, actor: o.created_by },
        ...(o.transmitted_at
          ? [{ at: iso(o.transmitted_at), kind: 'transmitted' as const, summary: `交办审议意见和 ${o.problems} 个问题，涉及 ${o.bodies} 个责任单位，${o.due} 前报告研究处理情况`, actor: null }]
          : []),
      ]),
      ...closedDays.map((c: { at: Date; n: number; actor: string }) => ({ at: iso(c.at), kind: 'problems-closed' as const, summary: `核验销号 ${c.n} 个问题`, actor: c.actor })),
      ...history.map((h: { at: Date; action: string; summary: string; actor: string; number: string }) => ({
        at: iso(h.at),
        kind: h.action === 'reopen' ? ('problem-reopened' as const) : ('extension' as const),
        summary: `问题 ${h.number}：${h.summary}`,
        actor: h.actor,
      })),
      ...lookBacks.map((l: { at: Date; checked_on: string; result: string; actor: string; number: string }) => ({
        at: iso(l.at),
        kind: 'look-back' as const,
        summary: `回头看复查问题 ${l.number}（${l.checked_on}）：${l.result === 'passed' ? '整改到位' : '未整改到位，重新整改'}`,
        actor: l.actor,
      })),
      ...evaluations.map((e: { at: Date; grade: string; passed: boolean; due: string | null; session: string | null }) => ({
        at: iso(e.at),
        kind: 'evaluation' as const,
        summary: `满意度测评结果：${GRADES[e.grade] ?? e.grade}${e.passed ? '' : `，须于 ${e.due} 前作延期报告`}${e.session ? `（${e.session}审议意见）` : ''}`,
        actor: null,
      })),
    ];
    return entries.sort((a, b) => a.at.localeCompare(b.at));
  }
}
