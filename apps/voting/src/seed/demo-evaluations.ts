import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_EVALUATION_RULE, type Counts } from '@congress/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { deferredReportDue, grade, quorumMet } from '../evaluations/evaluation.rules.js';
import { EVALUATIONS, type EvaluationSpec, type ProjectRef } from './demo-evaluations.data.js';

const CHENZHOU = '431000';
/** The namespace of every id this demo load gives (UUIDv5: the same on every run). */
export const EVALUATION_NAMESPACE = uuidv5('urn:congress-supervision:demo-evaluations', uuidv5.URL);
/** project-library's namespace for its demo project ids (apps/project-library/src/seed/demo-projects.ts). */
const PROJECT_NAMESPACE = '6f1c1b8e-7d1e-5b59-9f0a-6a0e1c2d3b4a';
/** issue-tracking's namespace for its demo ids (apps/issue-tracking/src/seed/demo-life.ts). */
const ISSUE_NAMESPACE = uuidv5('urn:congress-supervision:demo-issues', uuidv5.URL);

/** The id project-library's seed gives a demo project (same formula); other projects get it with stage 'tracking'. */
export const demoProjectId = (p: ProjectRef) => uuidv5(`${CHENZHOU}:${p.year}:${p.title}:${p.stage ?? 'tracking'}`, PROJECT_NAMESPACE);

/** The opinion issue-tracking's seed gives a demo project (one each): the same formula as its demoOpinionId. */
export const demoOpinionId = (p: ProjectRef) => uuidv5(`opinion:${demoProjectId(p)}`, ISSUE_NAMESPACE);

/**
 * The 2022-06-28 evaluation of the 2020 environment report: the id issue-tracking's demo data
 * records its outcome under (ENVIRONMENT_EVALUATION_ID in apps/issue-tracking/src/seed/demo-issues.ts).
 */
export const ENVIRONMENT_EVALUATION_ID = uuidv5('evaluation:environment2020:2022-06-28', ISSUE_NAMESPACE);

export const demoEvaluationId = (s: EvaluationSpec) =>
  s.fixedId === 'environment2020' ? ENVIRONMENT_EVALUATION_ID : uuidv5(`evaluation:${CHENZHOU}:${s.heldOn}:${s.reportTitle}`, EVALUATION_NAMESPACE);

interface DemoPerson {
  id: string;
  unitCode: string;
  name: string;
  title: string;
  roles: string[];
  username: string | null;
  subject?: string | null;
}
interface DemoData {
  bodies: { id: string; unitCode: string; name: string; shortName: string }[];
  people: DemoPerson[];
}

/** Order on a roster, as the directory keeps it: chair, vice-chairs, secretary-general, members; then as listed. */
const TITLE_RANK: Record<string, number> = { 主任: 1, 副主任: 2, 秘书长: 3, 委员: 4 };

interface Member {
  personId: string;
  subject: string | null;
  name: string;
  title: string;
  position: number;
}

/** Who is who in 郴州, by name from infra/demo/demo-data.json. */
class Cast {
  /** The standing committee's members in roster order. */
  readonly members: Member[];
  /** Who enters and records the counts (the office's staff). */
  readonly staff: string;
  readonly clerks: string[];
  private readonly bodies: Map<string, { id: string; name: string }>;

  constructor(data: DemoData) {
    const bodies = data.bodies.filter((b) => b.unitCode === CHENZHOU);
    this.bodies = new Map(bodies.flatMap((b) => [[b.shortName, b] as const, [b.name, b] as const]));
    const people = data.people.filter((p) => p.unitCode === CHENZHOU);
    this.members = people
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.roles.includes('member'))
      .sort((a, b) => (TITLE_RANK[a.p.title] ?? 9) - (TITLE_RANK[b.p.title] ?? 9) || a.i - b.i)
      .map(({ p }, i) => ({ personId: p.id, subject: p.subject ?? null, name: p.name, title: p.title, position: i + 1 }));
    const staff = people.filter((p) => p.roles.includes('staff'));
    this.staff = staff.find((p) => p.username === 'chenzhou-staff')?.name ?? '市人大常委会办公室';
    this.clerks = staff.length ? staff.map((p) => p.name) : [this.staff];
    if (this.members.length < 46) throw new Error(`demo data has ${this.members.length} members in ${CHENZHOU}; the evaluations need 46`);
  }

  body(name: string): { id: string; label: string } {
    const body = this.bodies.get(name);
    if (!body) throw new Error(`demo data has no body named ${name} in ${CHENZHOU}`);
    return { id: body.id, label: body.name.replace(/^郴州/, '') };
  }
}

interface Planned {
  id: string;
  spec: EvaluationSpec;
  projectId: string;
  opinionId: string | null;
  bodyId: string;
  roster: Member[];
  present: Set<string>;
  counts: Counts;
  tally: ReturnType<typeof grade>;
  due: string | null;
  clerk: string;
  scrutineers: string[];
}

/**
 * The fifth standing committee (to 2021) had 45 members, the sixth (from 2022) has 46: the
 * roster frozen with each evaluation. Who was absent rotates among the ordinary members; the
 * scrutineers are members who were there.
 */
function plan(cast: Cast): Planned[] {
  const rule = DEFAULT_EVALUATION_RULE;
  return EVALUATIONS.map((spec, n) => {
    const body = cast.body(spec.body);
    if (!spec.reportTitle.startsWith(`${body.label}关于`)) throw new Error(`${spec.reportTitle}: not a report of ${body.label}`);
    const roster = cast.members.slice(0, spec.session.includes('六届') ? 46 : 45);
    const ordinary = roster.filter((m) => m.title === '委员');
    const absentCount = roster.length - spec.present;
    const absent = new Set(Array.from({ length: absentCount }, (_, k) => ordinary[(n * 7 + k * 5) % ordinary.length].personId));
    if (absent.size !== absentCount) throw new Error(`${spec.heldOn} ${spec.reportTitle}: could not pick ${absentCount} absent members`);
    const present = new Set(roster.filter((m) => !absent.has(m.personId)).map((m) => m.personId));
    const [satisfied, basic, unsatisfied] = spec.counts;
    const counts: Counts = { satisfied, basic, unsatisfied, notVoting: spec.present - satisfied - basic - unsatisfied };
    if (spec.present < 38 || spec.present > 44 || counts.notVoting < 0 || !quorumMet(spec.present, roster.length, rule)) {
      throw new Error(`${spec.heldOn} ${spec.reportTitle}: the count does not fit ${spec.present} present of ${roster.length}`);
    }
    const tally = grade(counts, spec.present, roster.length, rule);
    if (tally.grade !== spec.grade) throw new Error(`${spec.heldOn} ${spec.reportTitle}: the count gives ${tally.grade}, the data says ${spec.grade}`);
    const there = ordinary.filter((m) => present.has(m.personId));
    const scrutineers = [there[(n * 3) % there.length].name, ...(n % 3 === 0 ? [] : [there[(n * 3 + 11) % there.length].name])];
    const projectId = demoProjectId(spec.project);
    return {
      id: demoEvaluationId(spec),
      spec,
      projectId,
      opinionId: spec.opinion ? demoOpinionId(spec.project) : null,
      bodyId: body.id,
      roster,
      present,
      counts,
      tally,
      due: tally.passed ? null : deferredReportDue(spec.heldOn, rule.deferredReportMonths),
      clerk: cast.clerks[n % cast.clerks.length],
      scrutineers,
    };
  });
}

/** Multi-row INSERT … ON CONFLICT DO NOTHING; returns the keys of the rows it inserted. */
async function insert(m: EntityManager, table: string, columns: string[], rows: unknown[][], conflict = 'id', key = conflict): Promise<string[]> {
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += 400) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + 400).map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    const result: { key: string }[] = await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${conflict}) DO NOTHING RETURNING ${key} AS key`,
      params,
    );
    inserted.push(...result.map((r) => r.key));
  }
  return inserted;
}

/**
 * Loads 郴州's (431000) satisfaction evaluations of 2019–2022 with fixed ids straight into the
 * tables: closed evaluations whose results were counted from paper ballots (clerk and
 * scrutineers named), with the roster frozen at the meeting and who was present. A data load,
 * not a workflow: no outbox events, no audit, and no participation rows (a paper count records
 * no one's vote). Idempotent in one transaction: an evaluation already there is left alone,
 * with its roster and its result (results are immutable, so they are only ever inserted).
 * Returns how many evaluations it added.
 */
export async function seedEvaluations(db: DataSource, dataFile: string = resolve(process.env.DEMO_DATA ?? 'infra/demo/demo-data.json')): Promise<{ evaluations: number }> {
  const cast = new Cast(JSON.parse(readFileSync(dataFile, 'utf8')) as DemoData);
  const planned = plan(cast);
  const rule = JSON.stringify(DEFAULT_EVALUATION_RULE);
  let evaluations = 0;
  await db.transaction(async (m) => {
    const at = (p: Planned, time: string) => `${p.spec.heldOn}T${time}:00+08:00`;
    const inserted = new Set(
      await insert(
        m,
        'evaluations',
        ['id', 'unit_code', 'project_id', 'opinion_id', 'body_id', 'session', 'held_on', 'report_title', 'status', 'rule', 'opened_at', 'closed_at', 'postponed_from', 'created_by', 'created_at', 'version'],
        planned.map((p) => [p.id, CHENZHOU, p.projectId, p.opinionId, p.bodyId, p.spec.session, p.spec.heldOn, p.spec.reportTitle, 'closed', rule, at(p, '15:30'), at(p, '16:00'), null, cast.staff, at(p, '08:30'), 3]),
      ),
    );
    evaluations = inserted.size;
    const fresh = planned.filter((p) => inserted.has(p.id));
    if (fresh.length === 0) return;
    await insert(
      m,
      'evaluation_roster',
      ['evaluation_id', 'person_id', 'subject', 'name', 'title', 'position', 'present'],
      fresh.flatMap((p) => p.roster.map((r) => [p.id, r.personId, r.subject, r.name, r.title, r.position, p.present.has(r.personId)])),
      'evaluation_id, person_id',
      'evaluation_id',
    );
    await insert(
      m,
      'evaluation_results',
      [
        'evaluation_id', 'satisfied', 'basic', 'unsatisfied', 'not_voting', 'roster', 'present', 'base', 'satisfaction_rate', 'satisfied_rate', 'grade', 'rule',
        'deferred_report_due', 'source', 'clerk', 'scrutineers', 'recorded_by', 'recorded_at',
      ],
      fresh.map((p) => [
        p.id,
        p.counts.satisfied,
        p.counts.basic,
        p.counts.unsatisfied,
        p.counts.notVoting,
        p.roster.length,
        p.present.size,
        p.tally.base,
        p.tally.satisfactionRate,
        p.tally.satisfiedRate,
        p.tally.grade,
        rule,
        p.due,
        'paper',
        p.clerk,
        p.scrutineers,
        cast.staff,
        at(p, '16:00'),
      ]),
      'evaluation_id',
    );
  });
  return { evaluations };
}
