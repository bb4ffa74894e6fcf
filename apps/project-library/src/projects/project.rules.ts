import { roleNames,
  DECIDER_ROLES,
  OFFICE_ROLES,
  ProjectAdjusted,
  ProjectApproved,
  ProjectStageChanged,
  allowedActionsOf,
  decide,
  refuse,
  type Actor,
  type Adjustment,
  type AllowedAction,
  type Approval,
  type Decision,
  type Machine,
  type ProjectStage,
  type Refusal,
  type Row,
  type Subject,
} from '@congress/contracts';
import { LIVE_STAGES, STAGES, STAGE_NAMES } from '../shared/stages.js';

/** The stage moves, named by verb; the API asks for them by their target stage (`transition {to}`). */
export const STAGE_MOVES = ['plan', 'shelve', 'approve', 'implement', 'evaluate', 'track', 'close', 'withdraw'] as const;
export type StageMove = (typeof STAGE_MOVES)[number];
export type AdjustmentKind = Adjustment['kind'];

/**
 * Every write that touches a project: its stage moves, its edit, the dynamic adjustments of the
 * year's plan, and the writes of its responsibility letter, roadmap and schedule (named after
 * their request's verb).
 */
export type ProjectAction =
  | StageMove
  | 'update'
  | `adjust.${AdjustmentKind}`
  | 'responsibility.add'
  | 'milestone.add'
  | 'milestone.complete'
  | 'task.add'
  | 'task.progress';

/** What the guards need beyond the project row. */
export interface ProjectFacts {
  hasResponsibilityLetter: boolean;
  hasRoadmap: boolean;
  /** Open problems of the project per issue-tracking; undefined when it was not (or could not be) asked. */
  openProblems: number | undefined;
  /** Whether the project's last satisfaction evaluation passed; null when it has had none; undefined when unknown. */
  lastEvaluationPassed: boolean | null | undefined;
}

/** The input of the actions whose guards read it (absent when only asking what may be done). */
export interface ProjectActionInput {
  approval?: Approval;
  reason?: string;
  documentNumber?: string | null;
  changes?: Record<string, unknown>;
}

export type ProjectSubject = Subject<ProjectStage> & ProjectFacts;
type ProjectRow = Row<ProjectAction, ProjectStage, ProjectFacts, ProjectActionInput>;
type Guard = NonNullable<ProjectRow['guard']>;

/** The stages a project is approved in and not yet closed: taking it back then is for deciders. */
const APPROVED_LIVE = ['approved', 'implementing', 'evaluating', 'tracking'] as const satisfies readonly ProjectStage[];
const APPROVED_WITHDRAWAL = '已立项的项目只能由主任会议成员或单位管理员撤销';

const needsApproval: Guard = ({ input }) =>
  input && !input.approval ? refuse(400, '立项需要决定机关、决定日期和文号', { field: 'body.approval', rule: 'required' }) : null;

const needsReason: Guard = ({ input }) => (input && !input.reason ? refuse(400, '撤销需要说明理由', { field: 'body.reason', rule: 'required' }) : null);

const needsLetterAndRoadmap: Guard = ({ subject }) => {
  const missing = [!subject.hasResponsibilityLetter && '责任书', !subject.hasRoadmap && '路线图'].filter(Boolean);
  return missing.length ? refuse(409, `进入实施前需要先有${missing.join('和')}`) : null;
};

/**
 * Closing asks issue-tracking (which follows voting's evaluation.closed.v1); when it cannot answer,
 * or was not asked (project lists), the facts are unknown and closing is refused rather than guessed.
 */
const needsProblemsClosedAndEvaluationPassed: Guard = ({ subject }) => {
  if (subject.openProblems === undefined || subject.lastEvaluationPassed === undefined) return refuse(409, '暂时无法确认问题是否全部销号、测评是否通过，不能办结');
  if (subject.openProblems > 0) return refuse(409, `还有 ${subject.openProblems} 个问题未销号，不能办结`);
  if (subject.lastEvaluationPassed === null) return refuse(409, '尚未进行满意度测评，不能办结');
  if (!subject.lastEvaluationPassed) return refuse(409, '最近一次满意度测评未通过，不能办结');
  return null;
};

const needsDocumentNumber: Guard = ({ input }) =>
  input && !input.documentNumber ? refuse(400, '增补项目需要批准文号', { field: 'body.documentNumber', rule: 'required' }) : null;

const needsChanges: Guard = ({ input }) =>
  input && !Object.values(input.changes ?? {}).some((v) => v !== undefined)
    ? refuse(400, '变更需要说明改什么（标题、摘要、牵头委员会、牵头领导、负责人或监督对象）', { field: 'body.changes', rule: 'required' })
    : null;

const STAGE_CHANGED = ProjectStageChanged.name;
const ADJUSTED = ProjectAdjusted.name;

/**
 * The whole machine of a supervision project (储备 → 谋划 → 立项 → 实施 → 评估 → 跟踪 → 办结, or
 * 撤销), as one table: every action, from which stages, by whom, on what condition, into which
 * stage and with which event. Every stage change also writes `project.stage-changed.v1`; a row's
 * `event` names what it writes beyond that (立项: `project.approved.v1`; adjustments:
 * `project.adjusted.v1`). Unit scope: only the project's own unit writes (own-unit everywhere).
 */
export const PROJECT_MACHINE: Machine<ProjectAction, ProjectStage, ProjectFacts, ProjectActionInput> = {
  noun: '项目',
  otherUnit: '只能修改本单位的项目',
  actionNames: {
    plan: '转到谋划',
    shelve: '转到储备',
    approve: '转到立项',
    implement: '转到实施',
    evaluate: '转到评估',
    track: '转到跟踪',
    close: '转到办结',
    withdraw: '转到撤销',
    update: '修改项目',
    'adjust.add': '增补进年度计划',
    'adjust.withdraw': '从年度计划中撤销',
    'adjust.postpone': '延至下一年度',
    'adjust.change': '变更项目',
    'responsibility.add': '增加责任书条目',
    'milestone.add': '增加路线图节点',
    'milestone.complete': '标记节点完成',
    'task.add': '增加施工表任务',
    'task.progress': '更新任务进度',
  },
  stateNames: STAGE_NAMES,
  rows: [
    // Stage moves (project-library.project.transition, asked by target stage).
    { action: 'plan', from: ['reserve'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'planning', event: STAGE_CHANGED },
    { action: 'shelve', from: ['planning'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'reserve', event: STAGE_CHANGED },
    { action: 'approve', from: ['planning'], roles: DECIDER_ROLES, scope: 'own-unit', guard: needsApproval, to: 'approved', event: ProjectApproved.name },
    { action: 'implement', from: ['approved'], roles: OFFICE_ROLES, scope: 'own-unit', guard: needsLetterAndRoadmap, to: 'implementing', event: STAGE_CHANGED },
    { action: 'evaluate', from: ['implementing'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'evaluating', event: STAGE_CHANGED },
    { action: 'track', from: ['evaluating'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'tracking', event: STAGE_CHANGED },
    { action: 'close', from: ['tracking'], roles: DECIDER_ROLES, scope: 'own-unit', guard: needsProblemsClosedAndEvaluationPassed, to: 'closed', event: STAGE_CHANGED },
    { action: 'withdraw', from: ['reserve', 'planning'], roles: OFFICE_ROLES, scope: 'own-unit', guard: needsReason, to: 'withdrawn', event: STAGE_CHANGED },
    // Once the deciding body has approved a project, only a decider may take it back.
    { action: 'withdraw', from: APPROVED_LIVE, roles: DECIDER_ROLES, roleRefusal: APPROVED_WITHDRAWAL, scope: 'own-unit', guard: needsReason, to: 'withdrawn', event: STAGE_CHANGED },

    // The edit (optimistic concurrency on `version`), open in every stage as it always was.
    { action: 'update', from: STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },

    // Dynamic adjustment of the year's plan (动态调整), recorded as history by the plans feature.
    { action: 'adjust.add', from: ['reserve', 'planning'], roles: OFFICE_ROLES, scope: 'own-unit', guard: needsDocumentNumber, to: 'approved', event: ADJUSTED },
    { action: 'adjust.withdraw', from: APPROVED_LIVE, roles: DECIDER_ROLES, roleRefusal: APPROVED_WITHDRAWAL, scope: 'own-unit', to: 'withdrawn', event: ADJUSTED },
    { action: 'adjust.postpone', from: ['approved', 'implementing'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'planning', event: ADJUSTED },
    { action: 'adjust.change', from: STAGES, roles: OFFICE_ROLES, scope: 'own-unit', guard: needsChanges, to: 'same', event: ADJUSTED },

    // The responsibility letter, roadmap and schedule: written while the project is under way.
    { action: 'responsibility.add', from: LIVE_STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    { action: 'milestone.add', from: LIVE_STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    { action: 'milestone.complete', from: LIVE_STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    { action: 'task.add', from: LIVE_STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    { action: 'task.progress', from: LIVE_STAGES, roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
  ],
};

const ENDED = () => '项目已办结或撤销，不能再修改';

/**
 * How an action refused for the project's stage is worded, where users have long been told it in
 * the action's own words rather than the table's default (项目当前为「X」，不能Y).
 */
const STAGE_REFUSALS: Partial<Record<ProjectAction, (stage: ProjectStage) => string>> = {
  'adjust.add': (stage) => `只有储备或谋划阶段的项目可以增补进年度计划（当前：${stage}）`,
  'adjust.withdraw': () => '只有在年度计划中且未办结的项目可以撤销',
  'adjust.postpone': () => '只有立项或实施阶段的项目可以延至下一年度',
  'responsibility.add': ENDED,
  'milestone.add': ENDED,
  'milestone.complete': ENDED,
  'task.add': ENDED,
  'task.progress': ENDED,
};

const isOpenFrom = (action: ProjectAction, stage: ProjectStage) => PROJECT_MACHINE.rows.some((r) => r.action === action && r.from.includes(stage));

/** Whether deciding `action` (or listing what may be done, when absent) from `stage` needs issue-tracking's closing facts. */
export const needsClosingFacts = (stage: ProjectStage, action?: ProjectAction): boolean => (action ?? 'close') === 'close' && isOpenFrom('close', stage);

/** `decide` on the project table, with the actions' own wording of a stage refusal. */
export function decideProject(action: ProjectAction, actor: Actor, subject: ProjectSubject, input?: ProjectActionInput): Decision {
  const decision = decide(PROJECT_MACHINE, action, actor, subject, input);
  if (!decision.allowed && decision.status === 409 && !isOpenFrom(action, subject.state)) {
    return { ...decision, reason: STAGE_REFUSALS[action]?.(subject.state) ?? decision.reason };
  }
  return decision;
}

const isStageMove = (action: ProjectAction): action is StageMove => (STAGE_MOVES as readonly string[]).includes(action);

/** The stage moves open from a stage, in table order (the detail's `nextStages`; each still subject to its roles and guard). */
export function nextStages(from: ProjectStage): ProjectStage[] {
  const targets = PROJECT_MACHINE.rows.filter((r) => isStageMove(r.action) && r.from.includes(from)).map((r) => r.to as ProjectStage);
  return [...new Set(targets)];
}

/** The move the API's `transition {to}` stands for: the first stage-move row from the current stage to `to`. */
export function moveTo(from: ProjectStage, to: ProjectStage): StageMove | undefined {
  const row = PROJECT_MACHINE.rows.find((r) => isStageMove(r.action) && r.from.includes(from) && r.to === to);
  return row?.action as StageMove | undefined;
}

/**
 * Decides `transition {to}`: the move it stands for, decided by the table. A target no row
 * reaches is refused (409) with the legal moves listed, after the unit check every write starts
 * with (the one check of `decide` there is no action to ask it of).
 */
export function decideMove(actor: Actor, subject: ProjectSubject, to: ProjectStage, input?: ProjectActionInput): Decision & { action?: StageMove } {
  const action = moveTo(subject.state, to);
  if (action) return { ...decideProject(action, actor, subject, input), action };
  if (actor.subject !== 'system' && actor.unitCode !== subject.unitCode) return { allowed: false, ...refuse(403, PROJECT_MACHINE.otherUnit) };
  return { allowed: false, ...noMove(subject.state, to) };
}

function noMove(from: ProjectStage, to: ProjectStage): Refusal {
  if (from === to) return refuse(409, `项目已处于${STAGE_NAMES[to]}阶段`);
  const legal = nextStages(from).map((s) => STAGE_NAMES[s]);
  return refuse(409, `不能从${STAGE_NAMES[from]}直接转到${STAGE_NAMES[to]}${legal.length ? `；可以转到：${roleNames(legal)}` : '；项目已结束'}`);
}

/** The action of an adjustment kind. */
export const adjustmentAction = (kind: AdjustmentKind): ProjectAction => `adjust.${kind}`;

/** What the caller may do with the project now, from the same table. */
export function projectActionsFor(actor: Actor, subject: ProjectSubject): AllowedAction[] {
  return allowedActionsOf(PROJECT_MACHINE, actor, subject);
}

/**
 * Entering candidates (录入, one or an Excel import) is not an action on a project that exists, so
 * it has no row: it is for the office of the unit whose library it is.
 */
export function decideEntry(actor: Actor, unitCode: string): Decision {
  if (actor.unitCode !== unitCode) return { allowed: false, ...refuse(403, '只能在本单位的项目库中录入项目') };
  if (!OFFICE_ROLES.some((r) => actor.roles.includes(r))) return { allowed: false, ...refuse(403, `录入项目需要以下角色之一：${roleNames(OFFICE_ROLES)}`) };
  return { allowed: true };
}

/** The fields an adjustment of kind `change` may change. */
export const CHANGEABLE = ['title', 'summary', 'leadCommitteeId', 'leaderPersonId', 'ownerPersonId', 'supervisedBodyIds'] as const;
export type Changeable = (typeof CHANGEABLE)[number];

interface AdjustedProject {
  stage: ProjectStage;
  year: number;
  approval: Approval | null;
  title: string;
  summary: string;
  leadCommitteeId: string | null;
  leaderPersonId: string | null;
  ownerPersonId: string | null;
  supervisedBodyIds: string[];
}

/**
 * What an allowed adjustment does to the project (`set`) and what the history records of it
 * (`before`, `after`). `to` is the stage the table gives the action.
 */
export function adjustmentOf(
  kind: AdjustmentKind,
  project: AdjustedProject,
  input: { approvedOn: string; documentNumber: string | null; changes?: Partial<Pick<AdjustedProject, Changeable>> },
  to: ProjectStage,
): { set: Partial<AdjustedProject>; before: Record<string, unknown>; after: Record<string, unknown> } {
  switch (kind) {
    case 'add': {
      const approval: Approval = { decidingBody: 'chairs-council', decisionDate: input.approvedOn, documentNumber: input.documentNumber! };
      return { set: { stage: to, approval }, before: { stage: project.stage }, after: { stage: to, approval } };
    }
    case 'withdraw':
      return { set: { stage: to }, before: { stage: project.stage }, after: { stage: to } };
    case 'postpone':
      // Out of this year's plan into next year's planning: the approval no longer holds.
      return { set: { year: project.year + 1, stage: to, approval: null }, before: { year: project.year, stage: project.stage, approval: project.approval }, after: { year: project.year + 1, stage: to } };
    case 'change': {
      const changes = input.changes ?? {};
      const keys = CHANGEABLE.filter((k) => changes[k] !== undefined);
      return {
        set: Object.fromEntries(keys.map((k) => [k, changes[k]])),
        before: Object.fromEntries(keys.map((k) => [k, project[k]])),
        after: Object.fromEntries(keys.map((k) => [k, changes[k]])),
      };
    }
  }
}
