import type { Approval, ProjectStage, Role } from '@congress/contracts';

/** What the rules need to know about the world beyond the project row. */
export interface TransitionFacts {
  hasResponsibilityLetter: boolean;
  hasRoadmap: boolean;
  /** Open problems of the project per issue-tracking; undefined when it cannot be known. */
  openProblems: number | undefined;
  /** Whether the project's last satisfaction evaluation passed; null when it has had none; undefined when unknown. */
  lastEvaluationPassed: boolean | null | undefined;
}

export interface TransitionRequest {
  from: ProjectStage;
  to: ProjectStage;
  roles: readonly string[];
  approval?: Approval;
  reason?: string;
}

export type TransitionDecision =
  | { allowed: true }
  | { allowed: false; status: 400 | 403 | 409; reason: string; field?: string; rule?: string };

const STAFF: readonly Role[] = ['staff', 'unit-admin', 'leader'];
const DECIDERS: readonly Role[] = ['leader', 'unit-admin'];
const LIVE: readonly ProjectStage[] = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking'];

export const STAGE_NAMES: Record<ProjectStage, string> = {
  reserve: '储备',
  planning: '谋划',
  approved: '立项',
  implementing: '实施',
  evaluating: '评估',
  tracking: '跟踪',
  closed: '办结',
  withdrawn: '撤销',
};

interface Transition {
  from: readonly ProjectStage[];
  to: ProjectStage;
  roles: readonly Role[];
  guard?: (request: TransitionRequest, facts: TransitionFacts) => TransitionDecision;
}

const ok: TransitionDecision = { allowed: true };

/**
 * The stage machine of a supervision project (储备 → 谋划 → 立项 → 实施 → 评估 → 跟踪 → 办结, or
 * 撤销): every legal move, who may make it, and what must hold first.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['reserve'], to: 'planning', roles: STAFF },
  { from: ['planning'], to: 'reserve', roles: STAFF },
  {
    from: ['planning'],
    to: 'approved',
    roles: DECIDERS,
    guard: (r) =>
      r.approval ? ok : { allowed: false, status: 400, reason: '立项需要决定机关、决定日期和文号', field: 'body.approval', rule: 'required' },
  },
  {
    from: ['approved'],
    to: 'implementing',
    roles: STAFF,
    guard: (_r, f) => {
      const missing = [!f.hasResponsibilityLetter && '责任书', !f.hasRoadmap && '路线图'].filter(Boolean);
      return missing.length ? { allowed: false, status: 409, reason: `进入实施前需要先有${missing.join('和')}` } : ok;
    },
  },
  { from: ['implementing'], to: 'evaluating', roles: STAFF },
  { from: ['evaluating'], to: 'tracking', roles: STAFF },
  {
    from: ['tracking'],
    to: 'closed',
    roles: DECIDERS,
    guard: (_r, f) => {
      if (f.openProblems === undefined || f.lastEvaluationPassed === undefined) {
        return { allowed: false, status: 409, reason: '暂时无法确认问题是否全部销号、测评是否通过，不能办结' };
      }
      if (f.openProblems > 0) return { allowed: false, status: 409, reason: `还有 ${f.openProblems} 个问题未销号，不能办结` };
      if (f.lastEvaluationPassed === null) return { allowed: false, status: 409, reason: '尚未进行满意度测评，不能办结' };
      if (!f.lastEvaluationPassed) return { allowed: false, status: 409, reason: '最近一次满意度测评未通过，不能办结' };
      return ok;
    },
  },
  {
    from: LIVE,
    to: 'withdrawn',
    roles: STAFF,
    guard: (r) => {
      if (!r.reason) return { allowed: false, status: 400, reason: '撤销需要说明理由', field: 'body.reason', rule: 'required' };
      // Once the deciding body has approved a project, only a decider may take it back.
      if (!['reserve', 'planning'].includes(r.from) && !DECIDERS.some((d) => r.roles.includes(d))) {
        return { allowed: false, status: 403, reason: '已立项的项目只能由主任会议成员或单位管理员撤销' };
      }
      return ok;
    },
  },
];

/** The moves open from a stage (for the UI: only the legal actions). */
export function nextStages(from: ProjectStage): ProjectStage[] {
  return TRANSITIONS.filter((t) => t.from.includes(from)).map((t) => t.to);
}

export function decideTransition(request: TransitionRequest, facts: TransitionFacts): TransitionDecision {
  if (request.from === request.to) return { allowed: false, status: 409, reason: `项目已处于${STAGE_NAMES[request.to]}阶段` };
  const transition = TRANSITIONS.find((t) => t.from.includes(request.from) && t.to === request.to);
  if (!transition) {
    const legal = nextStages(request.from).map((s) => STAGE_NAMES[s]);
    return {
      allowed: false,
      status: 409,
      reason: `不能从${STAGE_NAMES[request.from]}直接转到${STAGE_NAMES[request.to]}${legal.length ? `；可以转到：${legal.join('、')}` : '；项目已结束'}`,
    };
  }
  if (!transition.roles.some((r) => request.roles.includes(r))) {
    return { allowed: false, status: 403, reason: `转到${STAGE_NAMES[request.to]}需要以下角色之一：${transition.roles.join('、')}` };
  }
  return transition.guard ? transition.guard(request, facts) : ok;
}
