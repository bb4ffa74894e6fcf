import {
  DECIDER_ROLES,
  EVIDENCE_NAMES,
  OFFICE_ROLES,
  PROBLEM_STATUS_NAMES,
  addDays,
  allowedActionsOf,
  refuse,
  type Actor,
  type AllowedAction,
  type EvidenceKind,
  type Machine,
  type ProblemItem,
  type ProblemStatus,
  type Subject,
  type TrafficLight,
} from '@congress/contracts';

/** The statuses of a problem still being rectified (overdue is possible in each). */
export const OPEN_STATUSES: readonly ProblemStatus[] = ['assigned', 'rectifying', 'close-requested', 'extended', 'reopened'];
/** The open statuses as an SQL list (literals, so partial indexes on them apply). */
export const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
/** Where a body can still act: report progress, ask to close, ask for more time. */
const ACTIONABLE = ['assigned', 'rectifying', 'extended', 'reopened'] as const satisfies readonly ProblemStatus[];
/** Where the problem's text may still be edited. */
const EDITABLE = ['draft', ...ACTIONABLE] as const satisfies readonly ProblemStatus[];

export type ProblemAction =
  | 'create'
  | 'assign'
  | 'edit'
  | 'edit-measures'
  | 'progress'
  | 'close-request'
  | 'accept'
  | 'send-back'
  | 'request-extension'
  | 'decide-extension'
  | 'look-back'
  | 'reopen'
  | 'overdue-notice';

/** What the rules know of a problem beyond its status, unit and bodies. */
export interface ProblemFacts {
  deadline: string | null;
  requiredEvidence: readonly EvidenceKind[];
  /** An extension request awaits a leader's decision. */
  pendingExtension: boolean;
}
export type ProblemSubject = Subject<ProblemStatus> & ProblemFacts;

/** The input of a write, as far as the rules look at it (each action reads its own fields). */
export interface ProblemDecisionInput {
  /** create: whether the opinion is already transmitted (a supplementary problem is assigned at once). */
  opinionTransmitted?: boolean;
  /** assign: the deadline the problem gets if it has none (the opinion's default). */
  defaultDeadline?: string;
  /** edit: the fields changed. */
  changes?: readonly string[];
  /** close-request: the evidence kinds of the attachments named. */
  evidence?: readonly (EvidenceKind | null)[];
  /** request-extension. */
  proposedDeadline?: string;
  /** decide-extension: the decision and the request it is about (null: no such request of this problem). */
  decision?: 'approve' | 'refuse';
  extension?: { id: string; status: 'pending' | 'approved' | 'refused'; proposedDeadline: string } | null;
  extensionId?: string;
  /** look-back. */
  result?: 'passed' | 'failed';
  newDeadline?: string;
  /** overdue-notice: the day it is in Asia/Shanghai. */
  today?: string;
}

type Ctx = { subject: ProblemSubject; input: ProblemDecisionInput | undefined };

/** Actions only the system takes (a failed evaluation, the overdue watch). */
const SYSTEM_ONLY = { roles: [] as const, roleRefusal: '这是系统根据满意度测评结果或整改时限自动执行的操作' };

/**
 * The whole life of a problem, one row per action and from-states. Creation and assignment are
 * asked for by the opinion (its problem list and its transmission) and run here, on each problem.
 */
export const PROBLEM_MACHINE: Machine<ProblemAction, ProblemStatus, ProblemFacts, ProblemDecisionInput> = {
  noun: '问题',
  otherUnit: '只能处理本单位交办的问题',
  actionNames: {
    create: '列入问题清单',
    assign: '交办问题',
    edit: '修改问题',
    'edit-measures': '填写整改措施',
    progress: '报告整改进展',
    'close-request': '申请销号',
    accept: '核验销号',
    'send-back': '退回',
    'request-extension': '申请延期',
    'decide-extension': '审批延期',
    'look-back': '回头看复查',
    reopen: '重新整改',
    'overdue-notice': '逾期提醒',
  },
  stateNames: PROBLEM_STATUS_NAMES,
  rows: [
    // A new problem is checked as a draft of the opinion's unit; one added after transmission is assigned at once.
    { action: 'create', from: ['draft'], roles: OFFICE_ROLES, scope: 'own-unit', to: ({ input }) => (input?.opinionTransmitted ? 'assigned' : 'draft'), event: null },
    {
      action: 'assign',
      from: ['draft'],
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      guard: ({ subject, input }) => (input && !subject.deadline && !input.defaultDeadline ? refuse(400, '问题没有整改时限', { field: 'body.defaultDeadline', rule: 'required' }) : null),
      to: 'assigned',
      event: 'problem.assigned.v1',
    },
    {
      action: 'edit',
      from: EDITABLE,
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      guard: ({ subject, input }) =>
        subject.state !== 'draft' && input?.changes?.some((c) => c === 'deadline' || c === 'responsibleBodyId')
          ? refuse(409, '问题已交办：整改时限只能通过延期申请变更，责任单位不能再改')
          : null,
      to: 'same',
      event: null,
    },
    { action: 'edit-measures', from: EDITABLE, roles: OFFICE_ROLES, liaison: 'responsible', scope: 'own-unit', to: 'same', event: null },
    { action: 'progress', from: ACTIONABLE, roles: OFFICE_ROLES, liaison: 'any-body', scope: 'own-unit', to: 'rectifying', event: 'problem.progress-reported.v1' },
    {
      action: 'close-request',
      from: ACTIONABLE,
      roles: OFFICE_ROLES,
      liaison: 'responsible',
      scope: 'own-unit',
      guard: ({ subject, input }) => {
        if (!input?.evidence) return null;
        const missing = missingEvidence(subject.requiredEvidence, input.evidence);
        return missing.length ? refuse(400, `销号申请缺少证明材料：${missing.map((x) => x.name).join('、')}`, { field: 'body.attachmentIds', rule: 'missing_evidence' }) : null;
      },
      to: 'close-requested',
      event: 'problem.close-requested.v1',
    },
    { action: 'accept', from: ['close-requested'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'closed', event: 'problem.closed.v1' },
    { action: 'send-back', from: ['close-requested'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'rectifying', event: null },
    {
      action: 'request-extension',
      from: ACTIONABLE,
      roles: OFFICE_ROLES,
      liaison: 'responsible',
      scope: 'own-unit',
      guard: ({ subject, input }) => {
        if (input?.proposedDeadline && subject.deadline && input.proposedDeadline <= subject.deadline) {
          return refuse(400, `延期后的时限必须晚于现在的时限 ${subject.deadline}`, { field: 'body.proposedDeadline', rule: 'too_small' });
        }
        return subject.pendingExtension ? refuse(409, '已有一个待审批的延期申请，请等待审批结果') : null;
      },
      to: 'same',
      event: null,
    },
    {
      // Approval puts the new deadline in force (已延期, problem.extended.v1); a refusal changes nothing.
      action: 'decide-extension',
      from: ACTIONABLE,
      roles: DECIDER_ROLES,
      scope: 'own-unit',
      guard: decideExtensionGuard,
      to: ({ subject, input }) => (input?.decision === 'approve' ? 'extended' : subject.state),
      event: 'problem.extended.v1',
    },
    {
      // A failed re-check reopens the problem with a new deadline (problem.reopened.v1).
      action: 'look-back',
      from: ['closed'],
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      guard: ({ input }) => (input?.result === 'failed' && !input.newDeadline ? refuse(400, '复查未通过时必须给出重新整改的时限', { field: 'body.newDeadline', rule: 'required' }) : null),
      to: ({ input }) => (input?.result === 'failed' ? 'reopened' : 'closed'),
      event: 'problem.reopened.v1',
    },
    // A failed satisfaction evaluation: a closed problem is reopened, an open one goes back to rectifying.
    { action: 'reopen', from: [...OPEN_STATUSES, 'closed'], ...SYSTEM_ONLY, scope: 'own-unit', to: ({ subject }) => (subject.state === 'closed' ? 'reopened' : 'rectifying'), event: 'problem.reopened.v1' },
    {
      action: 'overdue-notice',
      from: OPEN_STATUSES,
      ...SYSTEM_ONLY,
      scope: 'own-unit',
      guard: ({ subject, input }) => (input?.today && !(subject.deadline && subject.deadline < input.today) ? refuse(409, '问题尚未逾期') : null),
      to: 'same',
      event: 'problem.overdue.v1',
    },
  ],
};

function decideExtensionGuard({ subject, input }: Ctx) {
  if (!input) return subject.pendingExtension ? null : refuse(409, '没有待审批的延期申请');
  if (!input.extension) return refuse(404, `延期申请 ${input.extensionId ?? ''} 不存在`);
  if (input.extension.status !== 'pending') return refuse(409, `延期申请已${input.extension.status === 'approved' ? '同意' : '不同意'}，不能重复审批`);
  return null;
}

/** Actions that are not a caller's verb on an existing problem: asked for by the opinion, or taken by the system. */
const NOT_OFFERED: readonly ProblemAction[] = ['create', 'assign', 'reopen', 'overdue-notice'];

/** What the caller may do with the problem now (the `allowedActions` of every problem the API returns). */
export function problemActionsOf(actor: Actor, subject: ProblemSubject): AllowedAction[] {
  return allowedActionsOf(PROBLEM_MACHINE, actor, subject).filter((a) => !NOT_OFFERED.includes(a.action as ProblemAction));
}

/** The edit action a change needs: the responsible body's liaison may fill in measures and the person in charge only. */
export function editActionOf(changes: readonly string[]): 'edit' | 'edit-measures' {
  return changes.every((k) => k === 'measures' || k === 'responsiblePerson') ? 'edit-measures' : 'edit';
}

/** The required evidence not covered by the attachments named in a close-out request. */
export function missingEvidence(required: readonly EvidenceKind[], provided: readonly (EvidenceKind | null)[]): { kind: EvidenceKind; name: string }[] {
  return required.filter((k) => !provided.includes(k)).map((kind) => ({ kind, name: EVIDENCE_NAMES[kind] }));
}

export interface LightPolicy {
  today: string;
  /** Yellow when the deadline is within this many days. */
  atRiskDays: number;
  /** Yellow when no progress was reported for this many days. */
  staleDays: number;
  now: Date;
}

/** Overdue: past the deadline and not closed (a draft has no deadline in force yet). */
export function isOverdue(p: { status: ProblemStatus; deadline: string | null }, today: string): boolean {
  return p.deadline !== null && p.deadline < today && OPEN_STATUSES.includes(p.status);
}

/** red 逾期, yellow 预警 (deadline near, or no progress for a while), green otherwise. Derived, never stored. */
export function lightOf(p: { status: ProblemStatus; deadline: string | null; lastProgressAt: Date | null; assignedAt: Date | null }, policy: LightPolicy): TrafficLight {
  if (!OPEN_STATUSES.includes(p.status)) return 'green';
  if (isOverdue(p, policy.today)) return 'red';
  if (p.deadline !== null && p.deadline <= addDays(policy.today, policy.atRiskDays)) return 'yellow';
  const lastHeard = p.lastProgressAt ?? p.assignedAt;
  if (p.status !== 'close-requested' && lastHeard && policy.now.getTime() - lastHeard.getTime() > policy.staleDays * 86_400_000) return 'yellow';
  return 'green';
}

/** The worst light of a list: a body's list is red if any of its problems is. */
export function worstLight(lights: Iterable<TrafficLight>): TrafficLight {
  let worst: TrafficLight = 'green';
  for (const l of lights) {
    if (l === 'red') return 'red';
    if (l === 'yellow') worst = 'yellow';
  }
  return worst;
}

/** unit-year-project-sequence: 431000-2021-03-007. */
export function problemNumber(unitCode: string, year: number, projectOrdinal: number, sequence: number): string {
  return `${unitCode}-${year}-${String(projectOrdinal).padStart(2, '0')}-${String(sequence).padStart(3, '0')}`;
}

/** A problem as the repository reads it (dates as YYYY-MM-DD text: a `date` is a calendar day, not an instant). */
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
  pending_extension: boolean;
}

/** What the rules see of a problem row. */
export function subjectOf(r: ProblemRow): ProblemSubject {
  return {
    state: r.status,
    unitCode: r.unit_code,
    bodies: { responsible: r.responsible_body_id, co: r.co_body_ids },
    deadline: r.deadline,
    requiredEvidence: r.required_evidence,
    pendingExtension: r.pending_extension,
  };
}

/** A prospective problem of an opinion's unit, as `create` checks it. */
export function newProblemSubject(unitCode: string, responsibleBodyId: string, coBodyIds: readonly string[], deadline: string | null): ProblemSubject {
  return { state: 'draft', unitCode, bodies: { responsible: responsibleBodyId, co: coBodyIds }, deadline, requiredEvidence: [], pendingExtension: false };
}

/** The API's view of a problem row, with what this caller may do with it. */
export function toProblemItem(r: ProblemRow, policy: LightPolicy, actor: Actor): ProblemItem {
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
    allowedActions: problemActionsOf(actor, subjectOf(r)),
  };
}

/** The facts every problem event carries. */
export function problemFact(r: ProblemRow) {
  return { problemId: r.id, number: r.number, opinionId: r.opinion_id, projectId: r.project_id, unitCode: r.unit_code, responsibleBodyId: r.responsible_body_id, deadline: r.deadline };
}
