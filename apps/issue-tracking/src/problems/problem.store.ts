import { ProblemError, todayInShanghai, type EvidenceKind, type ProblemItem, type ProblemStatus } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IssueTrackingEnv } from '../config.js';
import { isOverdue, lightOf, type LightPolicy } from './problem.rules.js';

export interface ProblemRow {
  id: string;
  number: string;
  sequence: number;
  opinion_id: string;
  project_id: string;
  unit_code: string;
  year: number;
  description: string;
  place: string;
  category: string;
  responsible_body_id: string;
  co_body_ids: string[];
  responsible_person: string;
  deadline: string | null;
  measures: string;
  required_evidence: EvidenceKind[];
  finding_id: string | null;
  status: ProblemStatus;
  percent: number;
  last_progress_at: Date | null;
  assigned_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  created_at: Date;
  version: number;
}

/** Every column of a problem, dates as YYYY-MM-DD text (a `date` is a calendar day, not an instant). */
export const PROBLEM_COLUMNS = `id, number, sequence, opinion_id, project_id, unit_code, year, description, place, category, responsible_body_id, co_body_ids,
  responsible_person, to_char(deadline, 'YYYY-MM-DD') AS deadline, measures, required_evidence, finding_id, status, percent, last_progress_at,
  assigned_at, closed_at, closed_by, created_at, version`;


/** Reading and recording problems: the row mapping, the derived light, history and locks. */
@Injectable()
export class ProblemStore {
  constructor(@Inject(CONFIG) private readonly config: IssueTrackingEnv) {}

  policy(now = new Date()): LightPolicy {
    return { today: todayInShanghai(now), atRiskDays: this.config.PROBLEM_AT_RISK_DAYS, staleDays: this.config.PROBLEM_STALE_DAYS, now };
  }

  toItem(r: ProblemRow, policy = this.policy()): ProblemItem {
    const facts = { status: r.status, deadline: r.deadline, lastProgressAt: r.last_progress_at, assignedAt: r.assigned_at };
    return {
      id: r.id,
      number: r.number,
      opinionId: r.opinion_id,
      projectId: r.project_id,
      unitCode: r.unit_code,
      year: r.year,
      description: r.description,
      place: r.place,
      category: r.category,
      responsibleBodyId: r.responsible_body_id,
      coBodyIds: r.co_body_ids,
      responsiblePerson: r.responsible_person,
      deadline: r.deadline,
      measures: r.measures,
      requiredEvidence: r.required_evidence,
      findingId: r.finding_id,
      status: r.status,
      percent: r.percent,
      lastProgressAt: r.last_progress_at?.toISOString() ?? null,
      assignedAt: r.assigned_at?.toISOString() ?? null,
      closedAt: r.closed_at?.toISOString() ?? null,
      closedBy: r.closed_by,
      overdue: isOverdue(facts, policy.today),
      light: lightOf(facts, policy),
      version: r.version,
      createdAt: r.created_at.toISOString(),
    };
  }

  async find(m: EntityManager, id: string): Promise<ProblemRow> {
    const [row]: ProblemRow[] = await m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`问题 ${id} 不存在`);
    return row;
  }

  async lock(m: EntityManager, id: string): Promise<ProblemRow> {
    const [row]: ProblemRow[] = await m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw ProblemError.notFound(`问题 ${id} 不存在`);
    return row;
  }

  /** Changes columns of a locked problem, bumps its version, and returns the new row. */
  async update(m: EntityManager, id: string, sets: Record<string, unknown>): Promise<ProblemRow> {
    const keys = Object.keys(sets);
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`);
    const [[row]]: [ProblemRow[], number] = await m.query(
      `UPDATE problems SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${PROBLEM_COLUMNS}`,
      [id, ...keys.map((k) => sets[k])],
    );
    return row;
  }

  async history(m: EntityManager, problemId: string, entry: { action: string; from: ProblemStatus | null; to: ProblemStatus | null; summary: string; actor: string }): Promise<void> {
    await m.query(`INSERT INTO problem_history (id, problem_id, action, from_status, to_status, summary, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      newId(),
      problemId,
      entry.action,
      entry.from,
      entry.to,
      entry.summary,
      entry.actor,
    ]);
  }

  /** The facts every problem event carries. */
  fact(r: ProblemRow) {
    return { problemId: r.id, number: r.number, opinionId: r.opinion_id, projectId: r.project_id, unitCode: r.unit_code, responsibleBodyId: r.responsible_body_id, deadline: r.deadline };
  }
}
