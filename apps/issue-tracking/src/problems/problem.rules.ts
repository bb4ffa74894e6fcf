import { addDays, EVIDENCE_NAMES, PROBLEM_STATUS_NAMES, type Actor, type EvidenceKind, type ProblemStatus, type TrafficLight } from '@congress/contracts';

/** The statuses of a problem still being rectified (overdue is possible in each). */
export const OPEN_STATUSES: readonly ProblemStatus[] = ['assigned', 'rectifying', 'close-requested', 'extended', 'reopened'];
/** The open statuses as an SQL list (literals, so partial indexes on them apply). */
export const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
/** Where a body can still act: report progress, ask to close, ask for more time. */
const ACTIONABLE: readonly ProblemStatus[] = ['assigned', 'rectifying', 'extended', 'reopened'];

/** Staff of the unit that owns the problem list; body liaisons are not among them. */
export const UNIT_ROLES = ['unit-admin', 'leader', 'staff'] as const;

export type ProblemAction = 'progress' | 'close-request' | 'accept' | 'send-back' | 'request-extension' | 'decide-extension' | 'look-back' | 'edit' | 'edit-measures';

/** Who may do each action: unit staff roles, and for some the responsible body's liaison. */
const RULES: Record<ProblemAction, { roles: readonly string[]; liaison: 'none' | 'responsible' | 'any-body'; from: readonly ProblemStatus[] | 'any' }> = {
  progress: { roles: UNIT_ROLES, liaison: 'any-body', from: ACTIONABLE },
  'close-request': { roles: UNIT_ROLES, liaison: 'responsible', from: ACTIONABLE },
  accept: { roles: UNIT_ROLES, liaison: 'none', from: ['close-requested'] },
  'send-back': { roles: UNIT_ROLES, liaison: 'none', from: ['close-requested'] },
  'request-extension': { roles: UNIT_ROLES, liaison: 'responsible', from: ACTIONABLE },
  'decide-extension': { roles: ['leader', 'unit-admin'], liaison: 'none', from: ACTIONABLE },
  'look-back': { roles: UNIT_ROLES, liaison: 'none', from: ['closed'] },
  edit: { roles: UNIT_ROLES, liaison: 'none', from: ['draft', ...ACTIONABLE] },
  'edit-measures': { roles: UNIT_ROLES, liaison: 'responsible', from: ['draft', ...ACTIONABLE] },
};

const ACTION_NAMES: Record<ProblemAction, string> = {
  progress: '报告整改进展',
  'close-request': '申请销号',
  accept: '核验销号',
  'send-back': '退回',
  'request-extension': '申请延期',
  'decide-extension': '审批延期',
  'look-back': '回头看复查',
  edit: '修改问题',
  'edit-measures': '填写整改措施',
};

export interface ProblemFacts {
  unitCode: string;
  status: ProblemStatus;
  responsibleBodyId: string;
  coBodyIds: string[];
}

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404 | 409; reason: string };

/** A user whose only standing is as a body's liaison (承办单位联络员). */
export function isLiaison(actor: Actor): boolean {
  return actor.roles.includes('body-liaison') && !UNIT_ROLES.some((r) => actor.roles.includes(r));
}

/** Whether a liaison may see a problem at all: only its own body's (responsible or co-responsible). */
export function liaisonSees(actor: Actor, p: Pick<ProblemFacts, 'responsibleBodyId' | 'coBodyIds'>): boolean {
  return !!actor.bodyId && (p.responsibleBodyId === actor.bodyId || p.coBodyIds.includes(actor.bodyId));
}

/** Who may do what to a problem in which status. Liaisons of other bodies learn nothing: 404. */
export function decide(action: ProblemAction, actor: Actor, p: ProblemFacts): Decision {
  const rule = RULES[action];
  if (actor.subject !== 'system') {
    if (actor.unitCode !== p.unitCode) return { allowed: false, status: 403, reason: '只能处理本单位交办的问题' };
    if (isLiaison(actor)) {
      if (!liaisonSees(actor, p)) return { allowed: false, status: 404, reason: '问题不存在' };
      const ok = rule.liaison === 'any-body' || (rule.liaison === 'responsible' && p.responsibleBodyId === actor.bodyId);
      if (!ok) return { allowed: false, status: 403, reason: `承办单位联络员不能${ACTION_NAMES[action]}${rule.liaison === 'responsible' ? '（只有牵头责任单位可以）' : ''}` };
    } else if (!rule.roles.some((r) => actor.roles.includes(r))) {
      return { allowed: false, status: 403, reason: `${ACTION_NAMES[action]}需要以下角色之一：${rule.roles.join('、')}` };
    }
  }
  if (rule.from !== 'any' && !rule.from.includes(p.status)) {
    return { allowed: false, status: 409, reason: `问题当前为「${PROBLEM_STATUS_NAMES[p.status]}」，不能${ACTION_NAMES[action]}` };
  }
  return { allowed: true };
}

/** The status a problem moves to after each action (undefined: unchanged). */
export function nextStatus(action: ProblemAction, from: ProblemStatus): ProblemStatus | undefined {
  switch (action) {
    case 'progress':
      return 'rectifying';
    case 'close-request':
      return 'close-requested';
    case 'accept':
      return 'closed';
    case 'send-back':
      return 'rectifying';
    default:
      return from;
  }
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
