import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AdjustmentAdd,
  BattleMapGet,
  PlanGet,
  ProjectTimeline,
  MilestoneAdd,
  MilestoneComplete,
  ProjectCreate,
  ProjectDetailGet,
  ProjectGet,
  ProjectList,
  ProjectTransition,
  ProjectUpdate,
  ResponsibilityAdd,
  TaskAdd,
  ProjectImport,
  TaskProgress,
  type Project,
} from '@congress/contracts';
import { aProject, aResponsibility, aTask, anAdjustment, anApproval, problemOf, projectActors, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { ProjectLibraryEnv } from '../src/config.js';
import { MilestoneWatch } from '../src/schedule/milestone-watch.js';
import { seedProjects } from '../src/seed/demo-projects.js';

const { staff, leader, zixing, zixingLeader } = projectActors;
const approval = anApproval();
const actionOf = (project: Pick<Project, 'allowedActions'>, action: string) => project.allowedActions.find((a) => a.action === action);

describe('project library (in process, real Postgres and NATS)', () => {
  let svc: ServiceUnderTest<ProjectLibraryEnv>;
  let rpc: ServiceUnderTest<ProjectLibraryEnv>['rpc'];

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'project-library', env: ProjectLibraryEnv, module: (config, logger) => AppModule.register(config, logger), requestTimeoutMs: 5000 });
    rpc = svc.rpc;
  }, 60_000);

  afterAll(async () => svc?.stop());

  const outboxOf = async (projectId: string) =>
    (await svc.q<{ subject: string }>(`SELECT subject FROM outbox WHERE envelope->'payload'->>'projectId' = $1 ORDER BY seq`, [projectId])).map((r) => r.subject);

  it('enters a candidate project in reserve, with its audit row and project.created.v1', async () => {
    const project = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject() }, { actor: staff });
    expect(project).toMatchObject({ unitCode: '431000', stage: 'reserve', version: 1, approval: null, supervisedBodyIds: [], tags: [] });
    expect(await outboxOf(project.id)).toEqual(['project.created.v1']);
    const [audit] = await svc.q(`SELECT action, actor_username FROM audit_log WHERE entity_id = $1`, [project.id]);
    expect(audit).toEqual({ action: 'project.create', actor_username: 'chenzhou-staff' });
  });

  it('refuses a project with missing or bad fields, naming each', async () => {
    const problem = await problemOf(rpc.request(ProjectCreate, { unitCode: '431000', title: '双', year: 1999, category: 'nonsense', sources: [] } as never, { actor: staff }));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['category', 'sources', 'title', 'year']);
  });

  it('refuses entering a project into another unit', async () => {
    expect(await problemOf(rpc.request(ProjectCreate, { unitCode: '431000', ...aProject() }, { actor: zixing }))).toMatchObject({ status: 403 });
  });

  it('finds projects by a Chinese substring of title or summary, within the given units only', async () => {
    await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '政府债务管理情况专项工作报告', summary: '', category: 'budget-review' }) }, { actor: staff });
    await rpc.request(ProjectCreate, { unitCode: '431081', ...aProject({ title: '资兴市"双减"工作调研' }) }, { actor: zixing });
    const found = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '双减', limit: 50 }, { actor: staff });
    expect(found.items.map((p) => p.unitCode)).toEqual(['431000']);
    expect(found.items[0].title).toContain('双减');
    const bySummary = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '校外培训', limit: 50 }, { actor: staff });
    expect(bySummary.items).toHaveLength(1);
    const both = await rpc.request(ProjectList, { unitCodes: ['431000', '431081'], q: '双减', limit: 50 }, { actor: staff });
    expect(both.items).toHaveLength(2);
    const literal = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '%', limit: 50 }, { actor: staff });
    expect(literal.items).toHaveLength(0);
    const body = '018f0000-0000-7000-8000-0000000000bb';
    const withBody = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '按监督对象筛选', supervisedBodyIds: [body] }) }, { actor: staff });
    expect((await rpc.request(ProjectList, { unitCodes: ['431000'], body, limit: 50 }, { actor: staff })).items.map((p) => p.id)).toEqual([withBody.id]);
    const byCategory = await rpc.request(ProjectList, { unitCodes: ['431000'], category: 'budget-review', limit: 50 }, { actor: staff });
    expect(byCategory.items.map((p) => p.title)).toEqual(['政府债务管理情况专项工作报告']);
  });

  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: `分页测试项目${i}`, year: 2019 }) }, { actor: staff });
    const first = await rpc.request(ProjectList, { unitCodes: ['431000'], year: 2019, limit: 3 }, { actor: staff });
    const second = await rpc.request(ProjectList, { unitCodes: ['431000'], year: 2019, limit: 3, cursor: first.nextCursor! }, { actor: staff });
    expect([...first.items, ...second.items].map((p) => p.title)).toEqual(['分页测试项目4', '分页测试项目3', '分页测试项目2', '分页测试项目1', '分页测试项目0']);
    expect(second.nextCursor).toBeNull();
    const byTitle = await rpc.request(ProjectList, { unitCodes: ['431000'], year: 2019, sort: 'title', limit: 2 }, { actor: staff });
    const rest = await rpc.request(ProjectList, { unitCodes: ['431000'], year: 2019, sort: 'title', limit: 10, cursor: byTitle.nextCursor! }, { actor: staff });
    expect([...byTitle.items, ...rest.items].map((p) => p.title)).toEqual(['分页测试项目0', '分页测试项目1', '分页测试项目2', '分页测试项目3', '分页测试项目4']);
  });

  it('moves a project through planning to approval by a leader, with history and events', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '稳岗就业工作情况的报告' }) }, { actor: staff });
    const planning = await rpc.request(ProjectTransition, { id: created.id, to: 'planning' }, { actor: staff });
    expect(planning).toMatchObject({ stage: 'planning', version: 2 });

    const byStaff = await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'approved', approval }, { actor: staff }));
    expect(byStaff).toMatchObject({ status: 403, code: 'forbidden' });
    const noDecision = await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'approved' }, { actor: leader }));
    expect(noDecision).toMatchObject({ status: 400, errors: [{ field: 'body.approval', rule: 'required' }] });

    const approved = await rpc.request(ProjectTransition, { id: created.id, to: 'approved', approval }, { actor: leader });
    expect(approved).toMatchObject({ stage: 'approved', approval, version: 3 });
    expect(await outboxOf(created.id)).toEqual(['project.created.v1', 'project.stage-changed.v1', 'project.stage-changed.v1', 'project.approved.v1']);
    const history = await svc.q(`SELECT from_stage, to_stage, actor_username FROM project_stage_history WHERE project_id = $1 ORDER BY at`, [created.id]);
    expect(history).toEqual([
      { from_stage: 'reserve', to_stage: 'planning', actor_username: 'chenzhou-staff' },
      { from_stage: 'planning', to_stage: 'approved', actor_username: 'chenzhou-leader' },
    ]);

    const implementing = await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'implementing' }, { actor: staff }));
    expect(implementing).toMatchObject({ status: 409, detail: '进入实施前需要先有责任书和路线图' });
    const illegal = await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'closed' }, { actor: leader }));
    expect(illegal).toMatchObject({ status: 409 });
    expect((await rpc.request(ProjectGet, { id: created.id }, { actor: staff })).stage).toBe('approved');
  });

  it('refuses an edit based on a stale version with 409 and changes nothing', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '并发编辑测试', tags: ['民生'], plannedSession: '第五次会议' }) }, { actor: staff });
    const edited = await rpc.request(ProjectUpdate, { id: created.id, expectedVersion: 1, title: '并发编辑测试（修改）' }, { actor: staff });
    // Fields the edit does not name keep their values (not reset to defaults).
    expect(edited).toMatchObject({ title: '并发编辑测试（修改）', version: 2, tags: ['民生'], plannedSession: '第五次会议', summary: created.summary });
    const stale = await problemOf(rpc.request(ProjectUpdate, { id: created.id, expectedVersion: 1, title: '后到的修改' }, { actor: leader }));
    expect(stale).toMatchObject({ status: 409, code: 'conflict' });
    expect((await rpc.request(ProjectGet, { id: created.id }, { actor: staff })).title).toBe('并发编辑测试（修改）');
  });

  it('refuses an edit of another unit project', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '越权编辑测试' }) }, { actor: staff });
    expect(await problemOf(rpc.request(ProjectUpdate, { id: created.id, expectedVersion: 1, title: 'x 修改' }, { actor: zixing }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'planning' }, { actor: zixing }))).toMatchObject({ status: 403 });
  });

  it('lets an approved project start once it has a responsibility letter and a roadmap; progress and health are derived', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '优化营商环境专项工作报告', year: 2021 }) }, { actor: staff });
    await rpc.request(ProjectTransition, { id: created.id, to: 'planning' }, { actor: staff });
    await rpc.request(ProjectTransition, { id: created.id, to: 'approved', approval }, { actor: leader });
    expect(await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'implementing' }, { actor: staff }))).toMatchObject({ status: 409 });

    await rpc.request(ResponsibilityAdd, { projectId: created.id, role: '牵头领导', holderName: '肖小琴', holderPersonId: null, duty: '统筹调研和审议' }, { actor: staff });
    expect(await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'implementing' }, { actor: staff }))).toMatchObject({ status: 409, detail: '进入实施前需要先有路线图' });
    // A roadmap laid out from a start long past: every step is overdue, so the project is red.
    const { items: milestones } = await rpc.request(MilestoneAdd, { projectId: created.id, milestone: { template: 'standard', startDate: '2021-01-04' } }, { actor: staff });
    expect(milestones.map((m) => m.title)).toEqual(['调研', '审议报告', '交办审议意见', '督促整改', '满意度测评', '回头看']);
    expect(milestones[0].dueDate).toBe('2021-02-03');

    const implementing = await rpc.request(ProjectTransition, { id: created.id, to: 'implementing' }, { actor: staff });
    expect(implementing.stage).toBe('implementing');

    const t1 = await rpc.request(TaskAdd, { projectId: created.id, title: '走访市场主体', ownerName: '高成平', ownerPersonId: null, milestoneId: milestones[0].id, startDate: '2021-01-04', dueDate: '2021-01-30', weight: 3 }, { actor: staff });
    await rpc.request(TaskAdd, { projectId: created.id, title: '起草调研报告', ownerName: '高成平', ownerPersonId: null, milestoneId: null, startDate: '2021-02-01', dueDate: '2021-02-10', weight: 1 }, { actor: staff });
    const done = await rpc.request(TaskProgress, { projectId: created.id, taskId: t1.id, percent: 100, version: t1.version }, { actor: staff });
    expect(done).toMatchObject({ status: 'done', percent: 100, version: 2 });
    expect(await problemOf(rpc.request(TaskProgress, { projectId: created.id, taskId: t1.id, percent: 50, version: 1 }, { actor: staff }))).toMatchObject({ status: 409 });

    const detail = await rpc.request(ProjectDetailGet, { id: created.id }, { actor: staff });
    expect(detail).toMatchObject({ progress: 75, health: 'red', hasResponsibilityLetter: true, hasRoadmap: true, nextStages: ['evaluating', 'withdrawn'] });

    for (const m of milestones) await rpc.request(MilestoneComplete, { projectId: created.id, milestoneId: m.id }, { actor: staff });
    expect((await rpc.request(ProjectDetailGet, { id: created.id }, { actor: staff })).health).toBe('green');

    // On through evaluation and tracking; closing waits for problems and evaluations (issues 4, 5).
    expect((await rpc.request(ProjectTransition, { id: created.id, to: 'evaluating' }, { actor: staff })).stage).toBe('evaluating');
    expect((await rpc.request(ProjectTransition, { id: created.id, to: 'tracking' }, { actor: staff })).stage).toBe('tracking');
    expect(await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'closed' }, { actor: staff }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(ProjectTransition, { id: created.id, to: 'closed' }, { actor: leader }))).toMatchObject({
      status: 409,
      detail: '暂时无法确认问题是否全部销号、测评是否通过，不能办结',
    });
  });

  it('refuses a task that ends before it starts, naming the field', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '日期校验测试' }) }, { actor: staff });
    const problem = await problemOf(rpc.request(TaskAdd, { projectId: created.id, title: '倒序任务', ownerName: '高成平', ownerPersonId: null, milestoneId: null, startDate: '2022-05-01', dueDate: '2022-04-01', weight: 1 }, { actor: staff }));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body.dueDate', rule: 'before_start' }] });
  });

  it('keeps the year plan with its dynamic adjustments: added, changed, withdrawn, postponed', async () => {
    const make = async (title: string, approve: boolean) => {
      const p = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title, year: 2023 }) }, { actor: staff });
      await rpc.request(ProjectTransition, { id: p.id, to: 'planning' }, { actor: staff });
      if (approve) await rpc.request(ProjectTransition, { id: p.id, to: 'approved', approval }, { actor: leader });
      return p;
    };
    const kept = await make('计划内项目', true);
    const changed = await make('变更项目', true);
    const withdrawn = await make('撤销项目', true);
    const postponed = await make('延期项目', true);
    const added = await make('增补项目', false);
    const base = { approverName: '主任会议', approvedOn: '2023-06-20', documentNumber: '郴人常办〔2023〕12号' };

    await rpc.request(AdjustmentAdd, { projectId: added.id, kind: 'add', reason: '群众反映强烈，年中增补', ...base }, { actor: leader });
    await rpc.request(AdjustmentAdd, { projectId: changed.id, kind: 'change', reason: '扩大监督范围', ...base, changes: { title: '变更项目（扩大范围）' } }, { actor: staff });
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: withdrawn.id, kind: 'withdraw', reason: '并入其他项目', ...base }, { actor: staff }))).toMatchObject({ status: 403 });
    await rpc.request(AdjustmentAdd, { projectId: withdrawn.id, kind: 'withdraw', reason: '并入其他项目', ...base }, { actor: leader });
    await rpc.request(AdjustmentAdd, { projectId: postponed.id, kind: 'postpone', reason: '条件尚不成熟', ...base }, { actor: leader });
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: kept.id, kind: 'change', reason: '没写改什么', ...base }, { actor: staff }))).toMatchObject({
      status: 400,
      errors: [{ field: 'body.changes', rule: 'required' }],
    });

    const plan = await rpc.request(PlanGet, { unitCode: '431000', year: 2023 }, { actor: staff });
    const status = Object.fromEntries(plan.entries.map((e) => [e.title, e.planStatus]));
    expect(status).toEqual({ 计划内项目: 'planned', '变更项目（扩大范围）': 'changed', 撤销项目: 'withdrawn', 延期项目: 'postponed', 增补项目: 'added' });
    expect(plan.adjustments.map((a) => a.kind)).toEqual(['add', 'change', 'withdraw', 'postpone']);
    expect(plan.adjustments[1]).toMatchObject({ before: { title: '变更项目' }, after: { title: '变更项目（扩大范围）' }, approverName: '主任会议', approvedOn: '2023-06-20' });
    const timeline = await rpc.request(ProjectTimeline, { id: postponed.id }, { actor: staff });
    expect(timeline.items.map((e) => e.summary)).toEqual([
      '录入项目库：延期项目',
      '储备 → 谋划',
      '谋划 → 立项（郴人常发〔2022〕5号）',
      '动态调整·延至下年：条件尚不成熟（批准：主任会议）',
      '立项 → 谋划（动态调整：条件尚不成熟）',
    ]);
    const moved = await rpc.request(ProjectGet, { id: postponed.id }, { actor: staff });
    expect(moved).toMatchObject({ year: 2024, stage: 'planning', approval: null });
    expect(await outboxOf(added.id)).toContain('project.adjusted.v1');
  });

  it('draws the battle map of a unit-year with every planned project, its milestones, tasks and health', async () => {
    const p = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '挂图作战项目', year: 2025 }) }, { actor: staff });
    await rpc.request(ProjectTransition, { id: p.id, to: 'planning' }, { actor: staff });
    await rpc.request(ProjectTransition, { id: p.id, to: 'approved', approval }, { actor: leader });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { template: 'standard', startDate: '2025-01-06' } }, { actor: staff });
    await rpc.request(TaskAdd, { projectId: p.id, title: '专题调研', ownerName: '高成平', ownerPersonId: null, milestoneId: null, startDate: '2025-01-06', dueDate: '2025-02-01', weight: 1 }, { actor: staff });
    await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '储备中的项目不上图', year: 2025 }) }, { actor: staff });
    const map = await rpc.request(BattleMapGet, { unitCode: '431000', year: 2025 }, { actor: staff });
    expect(map.projects.map((x) => x.title)).toEqual(['挂图作战项目']);
    expect(map.projects[0].milestones).toHaveLength(6);
    expect(map.projects[0].tasks).toHaveLength(1);
    expect(map.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['green', 'yellow', 'red']).toContain(map.projects[0].health);
  });

  it('fires milestone.due.v1 and milestone.overdue.v1 once per milestone, even with two checks racing', async () => {
    const p = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '节点提醒测试', year: 2026 }) }, { actor: staff });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '已逾期节点', dueDate: '2026-03-01' } }, { actor: staff });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '即将到期节点', dueDate: '2026-03-12' } }, { actor: staff });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '远期节点', dueDate: '2026-09-01' } }, { actor: staff });
    const watch = svc.app.get(MilestoneWatch);
    // Two replicas' checks at the same moment, then a later one: every event exactly once.
    await Promise.all([watch.runOnce('2026-03-08'), watch.runOnce('2026-03-08')]);
    await watch.runOnce('2026-03-09');
    const events = await svc.q<{ subject: string; title: string }>(
      `SELECT subject, envelope->'payload'->>'title' AS title FROM outbox WHERE subject LIKE 'milestone.%' AND envelope->'payload'->>'projectId' = $1 ORDER BY seq`,
      [p.id],
    );
    // The racing checks may write them in either order; each exactly once.
    expect([...events].sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: 'milestone.due.v1', title: '即将到期节点' },
      { subject: 'milestone.overdue.v1', title: '已逾期节点' },
    ]);
  });

  it('loads the demo projects once: 郴州 has 23 key projects approved for 2022', async () => {
    const first = await seedProjects(svc.dataSource, ['431000', '430100', '431081']);
    expect(first).toBe(29 + 2 * 7);
    expect(await seedProjects(svc.dataSource, ['431000', '430100', '431081'])).toBe(0);
    const [{ n }] = await svc.q<{ n: number }>(
      // Seeded ids are UUIDv5 (fixed), those of other tests UUIDv7.
      `SELECT count(*)::int AS n FROM projects WHERE unit_code = '431000' AND year = 2022 AND approval IS NOT NULL AND substring(id::text, 15, 1) = '5'`,
    );
    expect(n).toBe(23);
    const map = await rpc.request(BattleMapGet, { unitCode: '430100', year: 2022 }, { actor: staff });
    expect(map.projects.map((p) => p.stage).sort()).toEqual(['approved', 'evaluating', 'implementing', 'tracking']);
  });

  /** A 郴州 project walked to `until`, with a responsibility letter and a roadmap once approved. */
  const walk = async (title: string, until: 'reserve' | 'planning' | 'approved' | 'implementing' | 'tracking') => {
    const p = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title }) }, { actor: staff });
    if (until === 'reserve') return p;
    await rpc.request(ProjectTransition, { id: p.id, to: 'planning' }, { actor: staff });
    if (until === 'planning') return p;
    await rpc.request(ProjectTransition, { id: p.id, to: 'approved', approval }, { actor: leader });
    await rpc.request(ResponsibilityAdd, { projectId: p.id, ...aResponsibility() }, { actor: staff });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '调研', dueDate: '2099-06-30' } }, { actor: staff });
    if (until === 'approved') return p;
    await rpc.request(ProjectTransition, { id: p.id, to: 'implementing' }, { actor: staff });
    if (until === 'implementing') return p;
    await rpc.request(ProjectTransition, { id: p.id, to: 'evaluating' }, { actor: staff });
    await rpc.request(ProjectTransition, { id: p.id, to: 'tracking' }, { actor: staff });
    return p;
  };

  it('tells each caller what it may do with a project, in every response that returns one', async () => {
    const created = await rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '允许操作测试' }) }, { actor: staff });
    expect(created.allowedActions).toEqual([
      { action: 'plan', allowed: true, to: 'planning' },
      { action: 'withdraw', allowed: true, to: 'withdrawn' },
      { action: 'update', allowed: true },
      { action: 'adjust.add', allowed: true, to: 'approved' },
      { action: 'adjust.change', allowed: true },
      { action: 'responsibility.add', allowed: true },
      { action: 'milestone.add', allowed: true },
      { action: 'milestone.complete', allowed: true },
      { action: 'task.add', allowed: true },
      { action: 'task.progress', allowed: true },
    ]);
    // Another unit's leader may read it (a parent unit does), but do nothing to it.
    const seen = await rpc.request(ProjectGet, { id: created.id }, { actor: zixingLeader });
    expect(seen.allowedActions.every((a) => !a.allowed && a.reason === '只能修改本单位的项目')).toBe(true);

    const planning = await rpc.request(ProjectTransition, { id: created.id, to: 'planning' }, { actor: staff });
    expect(actionOf(planning, 'approve')).toEqual({ action: 'approve', allowed: false, reason: '转到立项需要以下角色之一：主任会议成员、单位管理员', to: 'approved' });
    expect(actionOf(await rpc.request(ProjectGet, { id: created.id }, { actor: leader }), 'approve')).toEqual({ action: 'approve', allowed: true, to: 'approved' });

    const edited = await rpc.request(ProjectUpdate, { id: created.id, expectedVersion: planning.version, summary: '修改摘要' }, { actor: staff });
    expect(actionOf(edited, 'shelve')).toEqual({ action: 'shelve', allowed: true, to: 'reserve' });
    const listed = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '允许操作测试', limit: 10 }, { actor: staff });
    expect(listed.items[0]!.allowedActions).toEqual(edited.allowedActions);

    // The detail's next stages are the stage moves its allowed actions offer.
    const detail = await rpc.request(ProjectDetailGet, { id: created.id }, { actor: staff });
    expect(detail.nextStages).toEqual(['reserve', 'approved', 'withdrawn']);
    expect(detail.allowedActions.filter((a) => a.to && !a.action.includes('.')).map((a) => a.to)).toEqual(detail.nextStages);
  });

  it('says why an approved project cannot start yet, and that it can once its letter and roadmap exist', async () => {
    const p = await walk('实施条件测试', 'planning');
    const approved = await rpc.request(ProjectTransition, { id: p.id, to: 'approved', approval }, { actor: leader });
    expect(actionOf(approved, 'implement')).toEqual({ action: 'implement', allowed: false, reason: '进入实施前需要先有责任书和路线图', to: 'implementing' });
    await rpc.request(ResponsibilityAdd, { projectId: p.id, ...aResponsibility() }, { actor: staff });
    await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '调研', dueDate: '2099-06-30' } }, { actor: staff });
    expect(actionOf(await rpc.request(ProjectGet, { id: p.id }, { actor: staff }), 'implement')).toEqual({ action: 'implement', allowed: true, to: 'implementing' });
    const listed = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '实施条件测试', limit: 10 }, { actor: staff });
    expect(actionOf(listed.items[0]!, 'implement')).toEqual({ action: 'implement', allowed: true, to: 'implementing' });
  });

  it('asks issue-tracking whether a project may close on a single get, not in lists, and closes when every problem is closed and the evaluation passed', async () => {
    const p = await walk('办结条件测试', 'tracking');
    const answers = new Map<string, { total: number; open: number; lastEvaluationPassed: boolean | null }>([[p.id, { total: 3, open: 0, lastEvaluationPassed: true }]]);
    let asked = 0;
    // issue-tracking, as far as this service sees it: answers the problem facts of a project.
    const sub = svc.nc.subscribe(`${svc.namespace}.issue-tracking.project.problem-facts`, {
      callback: (_error, msg) => {
        asked += 1;
        const { data } = JSON.parse(new TextDecoder().decode(msg.data)) as { data: { projectId: string } };
        msg.respond(new TextEncoder().encode(JSON.stringify({ ok: true, data: answers.get(data.projectId) })));
      },
    });
    try {
      expect(actionOf(await rpc.request(ProjectGet, { id: p.id }, { actor: leader }), 'close')).toEqual({ action: 'close', allowed: true, to: 'closed' });
      expect(actionOf(await rpc.request(ProjectGet, { id: p.id }, { actor: staff }), 'close')).toEqual({ action: 'close', allowed: false, reason: '转到办结需要以下角色之一：主任会议成员、单位管理员', to: 'closed' });
      const before = asked;
      const listed = await rpc.request(ProjectList, { unitCodes: ['431000'], q: '办结条件测试', limit: 10 }, { actor: leader });
      expect(actionOf(listed.items[0]!, 'close')).toEqual({ action: 'close', allowed: false, reason: '暂时无法确认问题是否全部销号、测评是否通过，不能办结', to: 'closed' });
      expect(asked).toBe(before);

      answers.set(p.id, { total: 3, open: 1, lastEvaluationPassed: true });
      expect(actionOf(await rpc.request(ProjectDetailGet, { id: p.id }, { actor: leader }), 'close')).toEqual({ action: 'close', allowed: false, reason: '还有 1 个问题未销号，不能办结', to: 'closed' });
      expect(await problemOf(rpc.request(ProjectTransition, { id: p.id, to: 'closed' }, { actor: leader }))).toMatchObject({ status: 409, detail: '还有 1 个问题未销号，不能办结' });

      answers.set(p.id, { total: 3, open: 0, lastEvaluationPassed: true });
      const closed = await rpc.request(ProjectTransition, { id: p.id, to: 'closed' }, { actor: leader });
      expect(closed.stage).toBe('closed');
      expect(closed.allowedActions.map((a) => a.action)).toEqual(['update', 'adjust.change']);
    } finally {
      sub.unsubscribe();
    }
    // Once closed, its letter, roadmap and schedule are history.
    expect(await problemOf(rpc.request(TaskAdd, { projectId: p.id, ...aTask() }, { actor: staff }))).toMatchObject({ status: 409, detail: '项目已办结或撤销，不能再修改' });
  });

  it('refuses every write to another unit\'s project with 403 in the service itself, and changes nothing', async () => {
    const p = await walk('越权写入测试', 'approved');
    const [milestone] = (await rpc.request(MilestoneAdd, { projectId: p.id, milestone: { title: '审议报告', dueDate: '2099-09-30' } }, { actor: staff })).items;
    const task = await rpc.request(TaskAdd, { projectId: p.id, ...aTask() }, { actor: staff });
    const before = await rpc.request(ProjectGet, { id: p.id }, { actor: staff });
    const outbox = await outboxOf(p.id);
    const writes: [string, Promise<unknown>][] = [
      ['project.update', rpc.request(ProjectUpdate, { id: p.id, expectedVersion: before.version, title: '越权修改' }, { actor: zixing })],
      ['project.transition', rpc.request(ProjectTransition, { id: p.id, to: 'withdrawn', reason: '越权撤销' }, { actor: zixingLeader })],
      ['project.transition (no such move)', rpc.request(ProjectTransition, { id: p.id, to: 'closed' }, { actor: zixingLeader })],
      ['responsibility.add', rpc.request(ResponsibilityAdd, { projectId: p.id, ...aResponsibility() }, { actor: zixing })],
      ['milestone.add', rpc.request(MilestoneAdd, { projectId: p.id, milestone: { template: 'standard', startDate: '2022-03-01' } }, { actor: zixing })],
      ['milestone.complete', rpc.request(MilestoneComplete, { projectId: p.id, milestoneId: milestone!.id }, { actor: zixing })],
      ['task.add', rpc.request(TaskAdd, { projectId: p.id, ...aTask() }, { actor: zixing })],
      ['task.progress', rpc.request(TaskProgress, { projectId: p.id, taskId: task.id, percent: 50, version: task.version }, { actor: zixing })],
      ['adjustment.add', rpc.request(AdjustmentAdd, { projectId: p.id, ...anAdjustment('withdraw') }, { actor: zixingLeader })],
    ];
    for (const [subject, write] of writes) expect([subject, await problemOf(write)]).toMatchObject([subject, { status: 403, detail: '只能修改本单位的项目' }]);
    for (const write of [
      rpc.request(ProjectCreate, { unitCode: '431000', ...aProject({ title: '越权录入' }) }, { actor: zixing }),
      rpc.request(ProjectImport, { unitCode: '431000', projects: [aProject({ title: '越权导入' })] }, { actor: zixing }),
    ]) {
      expect(await problemOf(write)).toMatchObject({ status: 403, detail: '只能在本单位的项目库中录入项目' });
    }
    expect(await rpc.request(ProjectGet, { id: p.id }, { actor: staff })).toEqual(before);
    expect(await outboxOf(p.id)).toEqual(outbox);
    expect(await svc.q(`SELECT 1 FROM audit_log WHERE actor_subject IN ('z1', 'z2') AND (entity_id = $1 OR after->>'title' LIKE '越权%')`, [p.id])).toEqual([]);
  });

  it('refuses adjustments and schedule writes out of their stages, in their own words', async () => {
    const reserve = await walk('调整阶段测试', 'reserve');
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: reserve.id, ...anAdjustment('postpone') }, { actor: leader }))).toMatchObject({ status: 409, detail: '只有立项或实施阶段的项目可以延至下一年度' });
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: reserve.id, ...anAdjustment('withdraw') }, { actor: leader }))).toMatchObject({ status: 409, detail: '只有在年度计划中且未办结的项目可以撤销' });
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: reserve.id, ...anAdjustment('add', { documentNumber: null }) }, { actor: leader }))).toMatchObject({
      status: 400,
      errors: [{ field: 'body.documentNumber', rule: 'required' }],
    });
    const withdrawn = await rpc.request(ProjectTransition, { id: reserve.id, to: 'withdrawn', reason: '并入其他项目' }, { actor: staff });
    expect(withdrawn.allowedActions.map((a) => a.action)).toEqual(['update', 'adjust.change']);
    expect(await problemOf(rpc.request(AdjustmentAdd, { projectId: reserve.id, ...anAdjustment('add') }, { actor: leader }))).toMatchObject({ status: 409, detail: '只有储备或谋划阶段的项目可以增补进年度计划（当前：withdrawn）' });
    expect(await problemOf(rpc.request(ResponsibilityAdd, { projectId: reserve.id, ...aResponsibility() }, { actor: staff }))).toMatchObject({ status: 409, detail: '项目已办结或撤销，不能再修改' });
    expect(await problemOf(rpc.request(ProjectTransition, { id: reserve.id, to: 'withdrawn', reason: '再撤销' }, { actor: staff }))).toMatchObject({ status: 409, detail: '项目已处于撤销阶段' });
    expect(await problemOf(rpc.request(ProjectTransition, { id: reserve.id, to: 'planning' }, { actor: staff }))).toMatchObject({ status: 409, detail: '不能从撤销直接转到谋划；项目已结束' });
    // A member may read projects but write none of them.
    expect(await problemOf(rpc.request(ProjectUpdate, { id: reserve.id, expectedVersion: withdrawn.version, title: '委员修改' }, { actor: projectActors.member }))).toMatchObject({
      status: 403,
      detail: '修改项目需要以下角色之一：单位管理员、主任会议成员、机关工作人员',
    });
  });
});
