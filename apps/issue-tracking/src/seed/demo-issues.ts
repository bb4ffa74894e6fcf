import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addDays, todayInShanghai } from '@congress/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { OPEN_SQL, problemNumber } from '../problems/problem.rules.js';
import { BUSINESS_2021, ENVIRONMENT_2020, LIVE_2022, PROJECTS, WATER_LAWS_2019, type OpinionSpec, type ProblemSpec, type ProjectKey } from './demo-issues.data.js';
import { ISSUE_NAMESPACE, Life } from './demo-life.js';

const CHENZHOU = '431000';
/** project-library's namespace for its demo project ids (apps/project-library/src/seed/demo-projects.ts). */
const PROJECT_NAMESPACE = '6f1c1b8e-7d1e-5b59-9f0a-6a0e1c2d3b4a';

/** The id project-library's seed gives a demo project: the same formula, the same titles and stages. */
export function demoProjectId(key: ProjectKey): string {
  const p = PROJECTS[key];
  return uuidv5(`${CHENZHOU}:${p.year}:${p.title}:${p.stage}`, PROJECT_NAMESPACE);
}

/** The opinion of a demo project (one each). */
export const demoOpinionId = (key: ProjectKey) => uuidv5(`opinion:${demoProjectId(key)}`, ISSUE_NAMESPACE);

/** The satisfaction evaluation of the 2020 environment report (held 2022-06-28, satisfied). */
export const ENVIRONMENT_EVALUATION_ID = uuidv5('evaluation:environment2020:2022-06-28', ISSUE_NAMESPACE);

interface DemoData {
  bodies: { id: string; unitCode: string; name: string; shortName: string; kind: string }[];
  people: { name: string; unitCode: string; username: string | null; bodyId: string | null; roles: string[] }[];
}

/** Who is who in 郴州, by name from infra/demo/demo-data.json (the directory's demo data). */
class Cast {
  readonly staff: string;
  readonly leader: string;
  private readonly byShortName: Map<string, { id: string; shortName: string }>;
  private readonly liaisons = new Map<string, string>();

  constructor(data: DemoData) {
    const bodies = data.bodies.filter((b) => b.unitCode === CHENZHOU);
    this.byShortName = new Map(bodies.flatMap((b) => [[b.shortName, b] as const, [b.name, b] as const]));
    const people = data.people.filter((p) => p.unitCode === CHENZHOU);
    this.staff = people.find((p) => p.username === 'chenzhou-staff')?.name ?? '市人大常委会办公室';
    this.leader = people.find((p) => p.username === 'chenzhou-leader')?.name ?? '市人大常委会副主任';
    for (const b of bodies) {
      const liaison = people.find((p) => p.bodyId === b.id && p.roles.includes('body-liaison'));
      this.liaisons.set(b.id, liaison?.name ?? `${b.shortName}联络员`);
    }
  }

  body(name: string): string {
    const body = this.byShortName.get(name);
    if (!body) throw new Error(`demo data has no body named ${name} in ${CHENZHOU}`);
    return body.id;
  }

  liaison(bodyId: string): string {
    return this.liaisons.get(bodyId)!;
  }

  responsiblePerson(name: string): string {
    return name === '市政府' ? '分管副市长' : `${name}分管负责人`;
  }
}

function progressText(percent: number): string {
  if (percent <= 30) return '已制定整改方案，明确责任科室、责任人和完成时限，整改工作全面启动。';
  if (percent <= 50) return '整改方案正在实施，已完成阶段性任务，正在协调解决资金保障和跨部门事项。';
  if (percent <= 75) return '主要整改措施已落实，剩余事项正在加快推进，预计可按期完成。';
  if (percent <= 90) return '整改任务基本完成，正在开展自查验收、完善长效机制。';
  return '整改任务全部完成，正在整理佐证材料，准备申请销号。';
}

const pad = (n: number) => String(n).padStart(2, '0');

interface Context {
  cast: Cast;
  today: string;
  /** today + n days */
  rel: (n: number) => string;
  liaison: string;
  createdOn: string;
  transmittedOn: string;
}

/** 2019: "一法三条例": closed in 2019-2020, looked back at in 2020 and 2021 (one failed and reopened). */
function waterLaws(l: Life, p: ProblemSpec, i: number, c: Context): void {
  const dl = p.deadline!;
  l.create(c.createdOn, c.cast.staff).assign(c.transmittedOn, c.cast.staff);
  l.report(`2019-10-${pad(8 + i)}`, 40, progressText(40), c.liaison);
  l.report(addDays(dl, -25 - (i % 5)), 80, progressText(80), c.liaison);
  const requested = addDays(dl, -(2 + (i % 6)));
  l.requestClose(requested, p.done!, c.liaison);
  l.accept(addDays(requested, 8 + (i % 6)), '经市人大常委会环资委组织实地核验，整改到位', c.cast.staff);
  l.lookBack(`2020-10-${pad(20 + (i % 5))}`, true, '实地复查，整改措施持续有效，未发现问题反弹', c.cast.staff);
  if (p.story === 'reopened-by-look-back') l.lookBack(`2021-10-${pad(19 + (i % 5))}`, false, p.relapse!, c.cast.staff, '2022-06-30');
  else l.lookBack(`2021-10-${pad(19 + (i % 5))}`, true, '再次复查，整改成果巩固，长效机制运行正常', c.cast.staff);
}

/** 2020: the environment report: mostly closed; heavy metals still extended; mine restoration overdue. */
function environment(l: Life, p: ProblemSpec, i: number, c: Context): void {
  l.create(c.createdOn, c.cast.staff).assign(c.transmittedOn, c.cast.staff);
  if (p.story === 'still-extended') {
    l.report('2020-10-15', 30, progressText(30), c.liaison);
    l.report('2021-03-18', 55, progressText(55), c.liaison);
    l.requestExtension('2021-06-10', c.rel(150), '三十六湾矿区历史遗留废渣量大，治理工程须分期实施，且甘溪河流域综合整治项目资金分年度下达，申请延长整改期限', c.liaison);
    l.decideExtension('2021-06-18', true, '同意分期实施，请按季度报告治理进展', c.cast.leader);
    return;
  }
  if (p.story === 'overdue-after-extension') {
    l.report('2020-10-20', 30, progressText(30), c.liaison);
    l.report('2021-04-12', 50, progressText(50), c.liaison);
    l.requestExtension('2021-06-08', '2023-12-31', '废弃矿山图斑多、治理资金缺口大，需纳入省级历史遗留矿山生态修复项目分年度实施', c.liaison);
    l.decideExtension('2021-06-15', true, '同意延期至2023年底，须确保修复质量', c.cast.leader);
    l.report('2022-08-16', 70, progressText(70), c.liaison);
    l.report(c.rel(-12), 88, '已完成修复图斑126个，剩余18个图斑因权属争议尚未动工，正在协调。', c.liaison);
    return;
  }
  const dl = p.deadline!;
  l.report(`2020-09-${pad(10 + i)}`, 40, progressText(40), c.liaison);
  l.report(addDays(dl, -30 - (i % 5)), 80, progressText(80), c.liaison);
  const requested = addDays(dl, -(2 + (i % 6)));
  l.requestClose(requested, p.done!, c.liaison);
  l.accept(addDays(requested, 10 + (i % 7)), '经市人大常委会环资委会同有关部门实地核验，整改到位', c.cast.staff);
}

/** The verification round that closed a 2021 problem ("兑账销号"), by its deadline. */
function verification2021(deadline: string): string {
  if (deadline <= '2021-10-31') return '2021-11-26';
  if (deadline <= '2021-11-30') return '2021-12-28';
  return '2022-01-14';
}

/** 2021: the 28 business-environment problems, all closed by verification in late 2021 / early 2022. */
function business(l: Life, p: ProblemSpec, i: number, c: Context): void {
  const dl = p.deadline!;
  const note = '经市人大常委会财经委组织实地核验，整改到位，兑账销号';
  l.create(c.createdOn, c.cast.staff).assign(c.transmittedOn, c.cast.staff);
  l.report(`2021-06-${pad(7 + (i % 20))}`, 30, progressText(30), c.liaison);
  if (p.story === 'sent-back-then-closed') {
    l.report('2021-09-10', 70, '已清偿拖欠账款1.52亿元，剩余账款已制定清偿计划。', c.liaison);
    l.requestClose('2021-10-20', '台账内拖欠账款已清偿1.79亿元，清偿率95.7%，剩余账款已落实资金来源', c.liaison);
    l.sendBack('2021-10-28', '尚有3笔合计812万元账款未清偿，不符合"应清尽清"销号条件', c.cast.staff);
    l.report('2021-12-10', 95, '剩余3笔账款已于12月上旬全部清偿，正在整理清偿凭证。', c.liaison);
    l.requestClose('2021-12-27', p.done!, c.liaison);
    l.accept(verification2021(dl), note, c.cast.staff);
    return;
  }
  l.report(addDays(dl, -35 - (i % 7)), 70, progressText(70), c.liaison);
  if (p.story === 'extended-then-closed') {
    l.requestExtension('2021-10-15', '2021-12-31', '部分小区开发企业已进入破产清算程序，需待法院裁定后方能办理，申请延期两个月', c.liaison);
    l.decideExtension('2021-10-20', true, '', c.cast.leader);
    l.report('2021-11-22', 90, progressText(90), c.liaison);
    l.requestClose('2021-12-24', p.done!, c.liaison);
    l.accept(verification2021('2021-12-31'), note, c.cast.staff);
    return;
  }
  const requested = addDays(dl, -(3 + (i % 9)));
  l.requestClose(requested, p.done!, c.liaison);
  l.accept(verification2021(dl), note, c.cast.staff);
}

const DELAY = '整改涉及资金筹措和跨部门协调，部分工程需分期实施，申请延长整改期限';

/** The deadline a live problem was given at transmission (extended ones start from their old one). */
function liveDeadline(p: ProblemSpec, c: Context): string | null {
  const days: Record<string, number | string | null> = {
    draft: null,
    'assigned-red': -15,
    'assigned-yellow': 5,
    'added-green': 75,
    'rect-green': 40,
    'rect-yellow': 4,
    'rect-stale': 60,
    'rect-red': -30,
    'rect-red-pending': -8,
    'sent-back': 20,
    'close-requested': 12,
    'close-requested-late': -6,
    closed: -60,
    'closed-early': '2022-12-31',
    'extended-yellow': -30,
    'extended-red': -90,
    reopened: -190,
  };
  const d = days[p.plan!];
  return d === null ? null : typeof d === 'string' ? d : c.rel(d);
}

/** 2022: the projects under way, each problem where its plan says it stands today. */
function live(l: Life, p: ProblemSpec, _i: number, c: Context): void {
  const { rel, liaison } = c;
  const { staff, leader } = c.cast;
  const plan = p.plan!;
  if (plan === 'added-green') {
    l.create(rel(-4), staff, true);
    return;
  }
  l.create(c.createdOn, staff);
  if (plan === 'draft') return;
  l.assign(c.transmittedOn, staff);
  const note = '经实地核验，整改到位，同意销号';
  switch (plan) {
    case 'assigned-red':
    case 'assigned-yellow':
      return;
    case 'rect-green':
      l.report(rel(-70), 30, progressText(30), liaison).report(rel(-6), 60, progressText(60), liaison);
      return;
    case 'rect-yellow':
      l.report(rel(-50), 40, progressText(40), liaison).report(rel(-9), 75, progressText(75), liaison);
      return;
    case 'rect-stale':
      l.report(rel(-45), 20, progressText(20), liaison);
      return;
    case 'rect-red':
      l.report(rel(-90), 35, progressText(35), liaison);
      l.requestExtension(rel(-40), rel(60), DELAY, liaison);
      l.decideExtension(rel(-35), false, '延期理由不充分，请按原定时限加快整改', leader);
      l.report(rel(-20), 50, progressText(50), liaison);
      return;
    case 'rect-red-pending':
      l.report(rel(-60), 50, progressText(50), liaison).report(rel(-25), 65, progressText(65), liaison);
      l.requestExtension(rel(-12), rel(50), '部分项目用地、环评等前置要件须报省级审批，申请延期至审批完成后开工', liaison);
      return;
    case 'sent-back':
      l.report(rel(-60), 60, progressText(60), liaison);
      l.requestClose(rel(-25), p.done!, liaison);
      l.sendBack(rel(-21), '佐证材料不完整，抽查中仍有企业反映补贴未到账，请补充整改并提供兑现明细', staff);
      l.report(rel(-5), 85, '已逐户核对兑现情况，补发遗漏企业补贴，正在完善兑现明细台账。', liaison);
      return;
    case 'close-requested':
      l.report(rel(-50), 60, progressText(60), liaison).report(rel(-20), 90, progressText(90), liaison);
      l.requestClose(rel(-2), p.done!, liaison);
      return;
    case 'close-requested-late':
      l.report(rel(-40), 70, progressText(70), liaison);
      l.requestClose(rel(-3), p.done!, liaison);
      return;
    case 'closed':
      l.report(rel(-130), 50, progressText(50), liaison);
      l.requestClose(rel(-70), p.done!, liaison);
      l.accept(rel(-64), note, staff);
      return;
    case 'closed-early':
      l.report('2022-09-20', 60, progressText(60), liaison);
      l.requestClose('2022-12-05', p.done!, liaison);
      l.accept('2022-12-16', note, staff);
      return;
    case 'extended-yellow':
      l.report(rel(-80), 40, progressText(40), liaison);
      l.requestExtension(rel(-40), rel(6), DELAY, liaison);
      l.decideExtension(rel(-36), true, '同意延期，请按新时限完成整改', leader);
      return;
    case 'extended-red':
      l.report(rel(-150), 30, progressText(30), liaison);
      l.requestExtension(rel(-100), rel(-10), DELAY, liaison);
      l.decideExtension(rel(-95), true, '同意延期，逾期将予以通报', leader);
      return;
    case 'reopened':
      l.report(rel(-240), 50, progressText(50), liaison);
      l.requestClose(rel(-200), p.done!, liaison);
      l.accept(rel(-192), note, staff);
      l.lookBack(rel(-25), false, p.relapse!, staff, rel(35));
      return;
  }
}

interface Planned {
  spec: OpinionSpec;
  projectId: string;
  year: number;
  opinionId: string;
  problems: { id: string; spec: ProblemSpec; life: Life; bodyId: string; coBodyIds: string[]; findingId: string | null }[];
  findings: { id: string; bodyId: string; spec: NonNullable<OpinionSpec['findings']>[number] }[];
}

function plan(cast: Cast, today: string): Planned[] {
  const rel = (n: number) => addDays(today, n);
  const lists: [OpinionSpec, (l: Life, p: ProblemSpec, i: number, c: Context) => void][] = [
    [WATER_LAWS_2019, waterLaws],
    [ENVIRONMENT_2020, environment],
    [BUSINESS_2021, business],
    ...LIVE_2022.map((o) => [o, live] as [OpinionSpec, typeof live]),
  ];
  return lists.map(([spec, replay]) => {
    const projectId = demoProjectId(spec.project);
    const opinionId = demoOpinionId(spec.project);
    const findings = (spec.findings ?? []).map((f, i) => ({ id: uuidv5(`${opinionId}:finding:${i}`, ISSUE_NAMESPACE), bodyId: cast.body(f.body), spec: f }));
    const problems = spec.problems.map((p, i) => {
      const id = uuidv5(`${opinionId}:problem:${i}`, ISSUE_NAMESPACE);
      const bodyId = cast.body(p.body);
      const context: Context = { cast, today, rel, liaison: cast.liaison(bodyId), createdOn: addDays(spec.deliberatedOn, 2), transmittedOn: spec.transmittedOn ?? '' };
      const life = new Life(id, p.plan ? liveDeadline(p, context) : (p.deadline ?? null), today);
      replay(life, p, i, context);
      const coBodyIds = (p.co ?? []).map((name) => cast.body(name)).filter((b) => b !== bodyId);
      return { id, spec: p, life, bodyId, coBodyIds, findingId: p.finding === undefined ? null : findings[p.finding].id };
    });
    return { spec, projectId, year: PROJECTS[spec.project].year, opinionId, problems, findings };
  });
}

/** Multi-row INSERT … ON CONFLICT DO NOTHING; returns the keys of the rows it inserted. */
async function insert(m: EntityManager, table: string, columns: string[], rows: unknown[][], key = 'id'): Promise<string[]> {
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += 400) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + 400).map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    const result: { key: string }[] = await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (${key}) DO NOTHING RETURNING ${key} AS key`,
      params,
    );
    inserted.push(...result.map((r) => r.key));
  }
  return inserted;
}

/**
 * The project's number in its unit-year and where its problem sequence starts. Numbers already
 * held are kept (a project numbered by the running service, or by an earlier load); a new one
 * takes its place in the demo's order if free, else the next after the highest.
 */
async function numbering(m: EntityManager, p: Planned, wanted: number): Promise<{ ordinal: number; first: number }> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('project_refs:' || $1 || ':' || $2))`, [CHENZHOU, p.year]);
  const ids = p.problems.map((x) => x.id);
  const [seeded] = await m.query(`SELECT min(sequence)::int AS first FROM problems WHERE id = ANY($1)`, [ids]);
  let [ref] = await m.query(`SELECT ordinal, next_problem FROM project_refs WHERE project_id = $1`, [p.projectId]);
  if (!ref) {
    const [taken] = await m.query(`SELECT 1 FROM project_refs WHERE unit_code = $1 AND year = $2 AND ordinal = $3`, [CHENZHOU, p.year, wanted]);
    [ref] = await m.query(
      `INSERT INTO project_refs (project_id, unit_code, year, ordinal)
       SELECT $1, $2, $3, CASE WHEN $5 THEN coalesce(max(ordinal), 0) + 1 ELSE $4 END FROM project_refs WHERE unit_code = $2 AND year = $3
       RETURNING ordinal, next_problem`,
      [p.projectId, CHENZHOU, p.year, wanted, !!taken],
    );
  }
  const first = seeded.first ?? (ref.next_problem as number);
  await m.query(`UPDATE project_refs SET next_problem = greatest(next_problem, $2) WHERE project_id = $1`, [p.projectId, first + p.problems.length]);
  return { ordinal: ref.ordinal as number, first };
}

/**
 * Loads 郴州's (431000) demo problem lists with fixed ids straight into the tables: a data load,
 * not a workflow (no guards, no outbox events, no audit). The projects are project-library's
 * demo projects (same ids); bodies and people are found by name in the demo data file.
 * Idempotent: rows already there are left alone. Returns how many opinions and problems it added.
 *
 * `today` (YYYY-MM-DD, Asia/Shanghai) anchors the live 2022 lists, so that some problems are
 * overdue, some near their deadline and some on track whenever the demo is loaded.
 */
export async function seedIssues(
  db: DataSource,
  today: string = todayInShanghai(),
  dataFile: string = resolve(process.env.DEMO_DATA ?? 'infra/demo/demo-data.json'),
): Promise<{ opinions: number; problems: number }> {
  const cast = new Cast(JSON.parse(readFileSync(dataFile, 'utf8')) as DemoData);
  const planned = plan(cast, today);
  let opinions = 0;
  let problems = 0;
  await db.transaction(async (m) => {
    const ordinals = new Map<number, number>();
    for (const p of planned) {
      const wanted = (ordinals.get(p.year) ?? 0) + 1;
      ordinals.set(p.year, wanted);
      const { spec } = p;
      const reportDue = spec.reportDue === 'live' ? addDays(today, 60) : spec.reportDue;
      const evaluated = spec === ENVIRONMENT_2020;
      const added = await insert(
        m,
        'opinions',
        ['id', 'project_id', 'unit_code', 'year', 'session', 'deliberated_on', 'text', 'status', 'transmitted_at', 'report_due_date', 'last_evaluation_passed', 'created_by', 'created_at', 'version'],
        [
          [
            p.opinionId,
            p.projectId,
            CHENZHOU,
            p.year,
            spec.session,
            spec.deliberatedOn,
            spec.text,
            spec.transmittedOn ? 'transmitted' : 'draft',
            spec.transmittedOn ? `${spec.transmittedOn}T09:00:00+08:00` : null,
            reportDue,
            evaluated ? true : null,
            cast.staff,
            `${addDays(spec.deliberatedOn, 2)}T09:00:00+08:00`,
            1 + (spec.transmittedOn ? 1 : 0) + (evaluated ? 1 : 0),
          ],
        ],
      );
      opinions += added.length;
      if (evaluated) {
        await insert(
          m,
          'evaluation_outcomes',
          ['evaluation_id', 'opinion_id', 'project_id', 'grade', 'passed', 'deferred_report_due', 'reopened', 'applied_at', 'held_on'],
          [[ENVIRONMENT_EVALUATION_ID, p.opinionId, p.projectId, 'satisfied', true, null, 0, '2022-06-28T16:30:00+08:00', '2022-06-28']],
          'evaluation_id',
        );
      }
      await insert(
        m,
        'findings',
        ['id', 'project_id', 'unit_code', 'year', 'description', 'place', 'category', 'suggested_body_id', 'recorded_by', 'created_at'],
        p.findings.map((f) => [f.id, p.projectId, CHENZHOU, p.year, f.spec.description, f.spec.place, f.spec.category, f.bodyId, cast.staff, `${f.spec.on}T16:00:00+08:00`]),
      );

      const { ordinal, first } = await numbering(m, p, wanted);
      const inserted = new Set(
        await insert(
          m,
          'problems',
          [
            'id', 'number', 'sequence', 'opinion_id', 'project_id', 'unit_code', 'year', 'description', 'place', 'category', 'responsible_body_id', 'co_body_ids',
            'responsible_person', 'deadline', 'measures', 'required_evidence', 'finding_id', 'status', 'percent', 'last_progress_at', 'assigned_at', 'closed_at',
            'closed_by', 'created_at', 'updated_at', 'version',
          ],
          p.problems.map((x, i) => {
            const { life, spec: s } = x;
            // Evidence is asked of problems still to be closed; those already asked for or closed went without.
            const evidence = life.closeRequests.length === 0 && life.status !== 'draft' ? (i % 2 ? ['document', 'site-photo'] : ['document']) : [];
            return [
              x.id,
              problemNumber(CHENZHOU, p.year, ordinal, first + i),
              first + i,
              p.opinionId,
              p.projectId,
              CHENZHOU,
              p.year,
              s.description,
              s.place,
              s.category,
              x.bodyId,
              x.coBodyIds,
              cast.responsiblePerson(s.body),
              life.deadline,
              s.measures,
              evidence,
              x.findingId,
              life.status,
              life.percent,
              life.lastProgressAt,
              life.assignedAt,
              life.closedAt,
              life.closedBy,
              life.createdAt,
              life.updatedAt,
              life.version,
            ];
          }),
        ),
      );
      problems += inserted.size;
      // A problem that was already there keeps whatever happened to it since: only new ones get their past.
      const fresh = p.problems.filter((x) => inserted.has(x.id));
      if (fresh.length === 0) continue;
      await insert(
        m,
        'problem_progress',
        ['id', 'problem_id', 'text', 'percent', 'reported_by', 'reported_at'],
        fresh.flatMap((x) => x.life.progress.map((r) => [r.id, x.id, r.text, r.percent, r.by, r.at])),
      );
      await insert(
        m,
        'close_requests',
        ['id', 'problem_id', 'text', 'requested_by', 'requested_at', 'outcome', 'outcome_reason', 'decided_by', 'decided_at'],
        fresh.flatMap((x) => x.life.closeRequests.map((r) => [r.id, x.id, r.text, r.by, r.at, r.outcome, r.reason, r.decidedBy, r.decidedAt])),
      );
      await insert(
        m,
        'extensions',
        ['id', 'problem_id', 'reason', 'proposed_deadline', 'previous_deadline', 'status', 'requested_by', 'requested_at', 'decided_by', 'decided_at', 'decision_reason'],
        fresh.flatMap((x) => x.life.extensions.map((e) => [e.id, x.id, e.reason, e.proposed, e.previous, e.status, e.by, e.at, e.decidedBy, e.decidedAt, e.decisionReason])),
      );
      await insert(
        m,
        'look_backs',
        ['id', 'problem_id', 'checked_on', 'result', 'note', 'recorded_by', 'recorded_at'],
        fresh.flatMap((x) => x.life.lookBacks.map((r) => [r.id, x.id, r.checkedOn, r.result, r.note, r.by, r.at])),
      );
      await insert(
        m,
        'problem_history',
        ['id', 'problem_id', 'action', 'from_status', 'to_status', 'summary', 'actor', 'at'],
        fresh.flatMap((x) => x.life.history.map((h) => [h.id, x.id, h.action, h.from, h.to, h.summary, h.actor, h.at])),
      );
      // Problems already past their deadline count as announced: loading the demo must not fire
      // a burst of problem.overdue.v1 events (the overdue watch only picks rows where this is null).
      await m.query(`UPDATE problems SET overdue_notified_at = now() WHERE id = ANY($1) AND status IN (${OPEN_SQL}) AND deadline < $2::date`, [fresh.map((x) => x.id), today]);
    }
  });
  return { opinions, problems };
}
