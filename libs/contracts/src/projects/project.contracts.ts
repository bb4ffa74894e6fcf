import { z } from 'zod';
import { PageQuery, UnitCode, Uuid, pageOf, patchOf } from '../shared/common.js';
import { defineEvent, defineRequest } from '../shared/define.js';
import { AllowedActions } from '../shared/machine.js';

export const ProjectCategory = z.enum(['work-report', 'law-inspection', 'special-inquiry', 'budget-review', 'inspection', 'research', 'filing-review', 'other'], {
  error: '类别必须是 专项工作报告、执法检查、专题询问、计划预算审查、视察、调研、备案审查 或 其他',
});
export type ProjectCategory = z.infer<typeof ProjectCategory>;

export const ProjectSource = z.enum(['higher-requirement', 'party-priority', 'public-concern', 'deputy-suggestion', 'routine-findings'], {
  error: '来源必须是 上级规定动作、党委中心工作、群众急难愁盼、代表建议 或 日常调研视察执法检查发现',
});

export const ProjectStage = z.enum(['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn']);
export type ProjectStage = z.infer<typeof ProjectStage>;

/** Who decided the approval: 主任会议, 常委会, 党委批转. */
export const DecidingBody = z.enum(['chairs-council', 'standing-committee', 'party-committee'], { error: '决定机关必须是 主任会议、常委会 或 党委批转' });

export const Approval = z.object({
  decidingBody: DecidingBody,
  decisionDate: z.iso.date({ error: '决定日期必须是 YYYY-MM-DD' }),
  documentNumber: z.string().trim().min(2, { error: '文号至少 2 个字' }).max(100, { error: '文号不能超过 100 个字' }),
});
export type Approval = z.infer<typeof Approval>;

const Title = z.string().trim().min(2, { error: '标题至少 2 个字' }).max(200, { error: '标题不能超过 200 个字' });
const Year = z.coerce.number({ error: '年度必须是整数' }).int({ error: '年度必须是整数' }).min(2000, { error: '年度不能早于 2000' }).max(2100, { error: '年度不能晚于 2100' });

/** What staff enter for a candidate project (滚动录入). */
export const ProjectInput = z.object({
  title: Title,
  year: Year,
  category: ProjectCategory,
  sources: z.array(ProjectSource).min(1, { error: '至少选择一个来源' }).max(5),
  supervisedBodyIds: z.array(Uuid).max(50).default([]),
  leadCommitteeId: Uuid.nullable().default(null),
  leaderPersonId: Uuid.nullable().default(null),
  leadSpeakerIds: z.array(Uuid).max(20).default([]),
  ownerPersonId: Uuid.nullable().default(null),
  plannedSession: z.string().trim().max(100).nullable().default(null),
  summary: z.string().trim().max(5000, { error: '摘要不能超过 5000 个字' }).default(''),
  tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
});
export type ProjectInput = z.infer<typeof ProjectInput>;

export const Project = ProjectInput.extend({
  id: Uuid,
  unitCode: UnitCode,
  stage: ProjectStage,
  approval: Approval.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * What the caller may do with the project now: stage moves (with `to`), edits, adjustments and
   * schedule writes, allowed or refused with the reason (project-library's rules table).
   */
  allowedActions: AllowedActions,
});
export type Project = z.infer<typeof Project>;

export const ProjectListQuery = PageQuery.extend({
  year: Year.optional(),
  stage: ProjectStage.optional(),
  category: ProjectCategory.optional(),
  source: ProjectSource.optional(),
  /** A substring of the title or summary (Chinese works: 双减 finds 义务教育"双减"工作). */
  q: z.string().trim().min(1).max(100).optional(),
  committee: Uuid.optional(),
  leader: Uuid.optional(),
  body: Uuid.optional(),
  /** newest (default) or oldest entered, year (latest first), title (拼音 order is not applied: Unicode order). */
  sort: z.enum(['newest', 'oldest', 'year', 'title'], { error: '排序方式必须是 newest、oldest、year 或 title' }).default('newest'),
});

export const TransitionInput = z.object({
  to: ProjectStage,
  /** Required to approve (立项). */
  approval: Approval.optional(),
  reason: z.string().trim().max(1000).optional(),
  expectedVersion: z.number().int().positive().optional(),
});

// ---- requests served by project-library --------------------------------------------------

export const ProjectCreate = defineRequest({
  subject: 'project-library.project.create',
  service: 'project-library',
  request: ProjectInput.extend({ unitCode: UnitCode }),
  response: Project,
});

export const ProjectGet = defineRequest({
  subject: 'project-library.project.get',
  service: 'project-library',
  request: z.object({ id: Uuid }),
  response: Project,
});

export const ProjectList = defineRequest({
  subject: 'project-library.project.list',
  service: 'project-library',
  request: ProjectListQuery.extend({ unitCodes: z.array(UnitCode).min(1).max(500) }),
  response: pageOf(Project),
});

export const ProjectUpdate = defineRequest({
  subject: 'project-library.project.update',
  service: 'project-library',
  request: patchOf(ProjectInput).extend({ id: Uuid, expectedVersion: z.number().int().positive() }),
  response: Project,
});

export const ProjectTransition = defineRequest({
  subject: 'project-library.project.transition',
  service: 'project-library',
  request: TransitionInput.extend({ id: Uuid }),
  response: Project,
});

// ---- events published by project-library -------------------------------------------------

export const ProjectCreated = defineEvent({
  name: 'project.created.v1',
  producer: 'project-library',
  payload: z.object({ projectId: Uuid, unitCode: UnitCode, year: z.number().int(), title: z.string(), category: ProjectCategory, stage: ProjectStage }),
});

export const ProjectStageChanged = defineEvent({
  name: 'project.stage-changed.v1',
  producer: 'project-library',
  payload: z.object({ projectId: Uuid, unitCode: UnitCode, from: ProjectStage, to: ProjectStage, reason: z.string().nullable(), by: z.string() }),
});

export const ProjectApproved = defineEvent({
  name: 'project.approved.v1',
  producer: 'project-library',
  payload: z.object({ projectId: Uuid, unitCode: UnitCode, year: z.number().int(), title: z.string(), approval: Approval }),
});

// ---- responsibility letter, roadmap, schedule ---------------------------------------------

const DateOnly = z.iso.date({ error: '日期必须是 YYYY-MM-DD' });

export const Health = z.enum(['green', 'yellow', 'red']);
export type Health = z.infer<typeof Health>;

/** One line of the responsibility letter (责任书): who answers for what. */
export const ResponsibilityInput = z.object({
  role: z.string().trim().min(2, { error: '职责角色至少 2 个字' }).max(50),
  holderName: z.string().trim().min(2, { error: '责任人至少 2 个字' }).max(50),
  holderPersonId: Uuid.nullable().default(null),
  duty: z.string().trim().min(2, { error: '职责内容至少 2 个字' }).max(2000),
});
export const Responsibility = ResponsibilityInput.extend({ id: Uuid, projectId: Uuid });
export type Responsibility = z.infer<typeof Responsibility>;

/** A roadmap milestone (路线图节点). */
export const MilestoneInput = z.object({
  title: z.string().trim().min(2, { error: '节点名称至少 2 个字' }).max(100),
  dueDate: DateOnly,
});
export const Milestone = MilestoneInput.extend({ id: Uuid, projectId: Uuid, position: z.number().int(), doneAt: z.string().nullable() });
export type Milestone = z.infer<typeof Milestone>;

/** Either one milestone, or the standard roadmap laid out from a start date. */
export const MilestonesCreate = z.union([
  z.object({ template: z.literal('standard'), startDate: DateOnly }).strict(),
  MilestoneInput.strict(),
]);

export const TaskStatus = z.enum(['todo', 'doing', 'done']);
/** A dated task of the schedule (施工表). */
export const TaskInput = z.object({
  title: z.string().trim().min(2, { error: '任务名称至少 2 个字' }).max(200),
  ownerName: z.string().trim().min(2, { error: '负责人至少 2 个字' }).max(50),
  ownerPersonId: Uuid.nullable().default(null),
  milestoneId: Uuid.nullable().default(null),
  startDate: DateOnly,
  dueDate: DateOnly,
  weight: z.number().positive({ error: '权重必须大于 0' }).max(100).default(1),
});
export const Task = TaskInput.extend({ id: Uuid, projectId: Uuid, status: TaskStatus, percent: z.number().int().min(0).max(100), version: z.number().int() });
export type Task = z.infer<typeof Task>;
export const TaskProgressInput = z.object({
  status: TaskStatus.optional(),
  percent: z.number().int({ error: '完成百分比必须是整数' }).min(0, { error: '不能小于 0' }).max(100, { error: '不能大于 100' }).optional(),
  version: z.number().int().positive(),
});

/** A project with what is derived from its schedule and roadmap. */
export const ProjectDetail = Project.extend({
  /** Weighted roll-up of its tasks' percent done (weights default to equal), 0–100. */
  progress: z.number(),
  health: Health,
  /** The stages it may move to next (each still subject to its guard; `allowedActions` says which this caller may take now). */
  nextStages: z.array(ProjectStage),
  hasResponsibilityLetter: z.boolean(),
  hasRoadmap: z.boolean(),
});

export const ProjectDetailGet = defineRequest({
  subject: 'project-library.project.detail',
  service: 'project-library',
  request: z.object({ id: Uuid }),
  response: ProjectDetail,
});

export const ResponsibilityList = defineRequest({ subject: 'project-library.responsibility.list', service: 'project-library', request: z.object({ projectId: Uuid }), response: z.object({ items: z.array(Responsibility) }) });
export const ResponsibilityAdd = defineRequest({ subject: 'project-library.responsibility.add', service: 'project-library', request: ResponsibilityInput.extend({ projectId: Uuid }), response: Responsibility });
export const MilestoneList = defineRequest({ subject: 'project-library.milestone.list', service: 'project-library', request: z.object({ projectId: Uuid }), response: z.object({ items: z.array(Milestone) }) });
export const MilestoneAdd = defineRequest({
  subject: 'project-library.milestone.add',
  service: 'project-library',
  request: z.object({ projectId: Uuid, milestone: MilestonesCreate }),
  response: z.object({ items: z.array(Milestone) }),
});
export const MilestoneComplete = defineRequest({ subject: 'project-library.milestone.complete', service: 'project-library', request: z.object({ projectId: Uuid, milestoneId: Uuid }), response: Milestone });
export const TaskList = defineRequest({ subject: 'project-library.task.list', service: 'project-library', request: z.object({ projectId: Uuid }), response: z.object({ items: z.array(Task) }) });
export const TaskAdd = defineRequest({ subject: 'project-library.task.add', service: 'project-library', request: TaskInput.extend({ projectId: Uuid }), response: Task });
export const TaskProgress = defineRequest({ subject: 'project-library.task.progress', service: 'project-library', request: TaskProgressInput.extend({ projectId: Uuid, taskId: Uuid }), response: Task });

// ---- dynamic adjustment, the year's plan, the battle map ---------------------------------

export const AdjustmentKind = z.enum(['add', 'withdraw', 'postpone', 'change'], { error: '调整类型必须是 add（增补）、withdraw（撤销）、postpone（延至下年）或 change（变更）' });

/** 动态调整: what changes, why, and who approved it when. */
export const AdjustmentInput = z.object({
  kind: AdjustmentKind,
  reason: z.string().trim().min(2, { error: '调整理由至少 2 个字' }).max(2000),
  approverName: z.string().trim().min(2, { error: '批准人至少 2 个字' }).max(100),
  approvedOn: DateOnly,
  documentNumber: z.string().trim().max(100).nullable().default(null),
  /** For `change`: the new scope or owners. */
  changes: patchOf(ProjectInput.pick({ title: true, summary: true, leadCommitteeId: true, leaderPersonId: true, ownerPersonId: true, supervisedBodyIds: true })).optional(),
});
export const Adjustment = z.object({
  id: Uuid,
  projectId: Uuid,
  kind: AdjustmentKind,
  reason: z.string(),
  approverName: z.string(),
  approvedOn: z.string(),
  documentNumber: z.string().nullable(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Adjustment = z.infer<typeof Adjustment>;

export const AdjustmentAdd = defineRequest({ subject: 'project-library.adjustment.add', service: 'project-library', request: AdjustmentInput.extend({ projectId: Uuid }), response: Adjustment });
export const AdjustmentList = defineRequest({ subject: 'project-library.adjustment.list', service: 'project-library', request: z.object({ projectId: Uuid }), response: z.object({ items: z.array(Adjustment) }) });

export const PlanEntry = Project.pick({ id: true, title: true, category: true, stage: true, approval: true, summary: true, leadCommitteeId: true, leaderPersonId: true, ownerPersonId: true, plannedSession: true }).extend({
  /** How the project relates to the plan as approved: in it, added mid-year, withdrawn or postponed out of it. */
  planStatus: z.enum(['planned', 'added', 'changed', 'withdrawn', 'postponed']),
});
/** The year's plan (年度监督计划) of a unit: approved projects and every adjustment made to it. */
export const Plan = z.object({ unitCode: UnitCode, year: z.number().int(), entries: z.array(PlanEntry), adjustments: z.array(Adjustment.extend({ projectTitle: z.string() })) });
export type Plan = z.infer<typeof Plan>;
export const PlanGet = defineRequest({ subject: 'project-library.plan.get', service: 'project-library', request: z.object({ unitCode: UnitCode, year: Year }), response: Plan });

export const BattleMapProject = Project.pick({ id: true, title: true, category: true, stage: true }).extend({
  progress: z.number(),
  health: Health,
  milestones: z.array(Milestone),
  tasks: z.array(Task),
});
/** 挂图作战: every approved project of a unit-year on a time axis, with today's line. */
export const BattleMap = z.object({ unitCode: UnitCode, year: z.number().int(), today: z.string(), projects: z.array(BattleMapProject) });
export const BattleMapGet = defineRequest({ subject: 'project-library.battle-map.get', service: 'project-library', request: z.object({ unitCode: UnitCode, year: Year }), response: BattleMap });

export const ProjectAdjusted = defineEvent({
  name: 'project.adjusted.v1',
  producer: 'project-library',
  payload: z.object({ projectId: Uuid, unitCode: UnitCode, kind: AdjustmentKind, reason: z.string(), approverName: z.string(), approvedOn: z.string() }),
});

/** Many candidate projects at once (Excel import): all are created, or none. */
export const ProjectImport = defineRequest({
  subject: 'project-library.project.import',
  service: 'project-library',
  request: z.object({ unitCode: UnitCode, projects: z.array(ProjectInput).min(1).max(2000) }),
  response: z.object({ imported: z.number().int(), ids: z.array(Uuid) }),
});

const MilestoneFact = z.object({ milestoneId: Uuid, projectId: Uuid, unitCode: UnitCode, projectTitle: z.string(), title: z.string(), dueDate: z.string() });
/** A milestone not done came within the at-risk window (PROJECT_AT_RISK_DAYS): once per milestone. */
export const MilestoneDue = defineEvent({ name: 'milestone.due.v1', producer: 'project-library', payload: MilestoneFact });
/** A milestone not done passed its due date: once per milestone. */
export const MilestoneOverdue = defineEvent({ name: 'milestone.overdue.v1', producer: 'project-library', payload: MilestoneFact });

/** One thing that happened to a project, in order: the trace of the closed loop. */
export const TimelineEntry = z.object({
  at: z.string(),
  /** project-library: created, stage, adjustment, milestone-done; issue-tracking: the rest. */
  kind: z.enum(['created', 'stage', 'adjustment', 'milestone-done', 'finding', 'opinion', 'transmitted', 'problems-closed', 'problem-reopened', 'extension', 'look-back', 'evaluation']),
  /** Chinese, for people: 「谋划 → 立项（党委批转 郴人常发〔2022〕5号）」. */
  summary: z.string(),
  actor: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const ProjectTimeline = defineRequest({
  subject: 'project-library.project.timeline',
  service: 'project-library',
  request: z.object({ id: Uuid }),
  response: z.object({ items: z.array(TimelineEntry) }),
});
