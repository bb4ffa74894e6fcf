import type { TimelineEntry } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository.js';

const GRADES: Record<string, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/**
 * What issue-tracking knows of a project's closed loop, as timeline entries: research findings,
 * opinions and their transmission, close-outs (one entry per day, not per problem), reopenings,
 * extensions, look-backs and evaluation results. The gateway merges them with project-library's.
 */
@Injectable()
export class TimelineService {
  constructor(@Inject(TimelineRepository) private readonly timeline: TimelineRepository) {}

  async entries(projectId: string): Promise<TimelineEntry[]> {
    const { findings, opinions, closedDays, history, lookBacks, evaluations } = await this.timeline.facts(projectId);
    const iso = (d: Date) => d.toISOString();
    const entries: TimelineEntry[] = [
      ...findings.map((f) => ({ at: iso(f.at), kind: 'finding' as const, summary: `记录调研发现的问题 ${f.n} 个`, actor: f.actor })),
      ...opinions.flatMap((o) => [
        { at: iso(o.created_at), kind: 'opinion' as const, summary: `录入${o.session}（${o.deliberated_on}）的审议意见`, actor: o.created_by },
        ...(o.transmitted_at
          ? [{ at: iso(o.transmitted_at), kind: 'transmitted' as const, summary: `交办审议意见和 ${o.problems} 个问题，涉及 ${o.bodies} 个责任单位，${o.due} 前报告研究处理情况`, actor: null }]
          : []),
      ]),
      ...closedDays.map((c) => ({ at: iso(c.at), kind: 'problems-closed' as const, summary: `核验销号 ${c.n} 个问题`, actor: c.actor })),
      ...history.map((h) => ({
        at: iso(h.at),
        kind: h.action === 'reopen' ? ('problem-reopened' as const) : ('extension' as const),
        summary: `问题 ${h.number}：${h.summary}`,
        actor: h.actor,
      })),
      ...lookBacks.map((l) => ({
        at: iso(l.at),
        kind: 'look-back' as const,
        summary: `回头看复查问题 ${l.number}（${l.checked_on}）：${l.result === 'passed' ? '整改到位' : '未整改到位，重新整改'}`,
        actor: l.actor,
      })),
      ...evaluations.map((e) => ({
        at: iso(e.at),
        kind: 'evaluation' as const,
        summary: `满意度测评结果：${GRADES[e.grade] ?? e.grade}${e.passed ? '' : `，须于 ${e.due} 前作延期报告`}${e.session ? `（${e.session}审议意见）` : ''}`,
        actor: null,
      })),
    ];
    return entries.sort((a, b) => a.at.localeCompare(b.at));
  }
}
