import { z } from 'zod';
import { UnitCode, Uuid } from '../shared/common.js';
import { AllowedActions } from '../shared/machine.js';
import { defineEvent, defineRequest } from '../shared/define.js';

// 满意度测评: satisfaction evaluations by secret ballot. Nothing here ever carries who chose what.

const DateOnly = z.iso.date({ error: '日期必须是 YYYY-MM-DD' });

/** 满意 / 基本满意 / 不满意: the three choices of a ballot and the three grades of a result. */
export const EvaluationGrade = z.enum(['satisfied', 'basic', 'unsatisfied'], { error: '选项必须是 satisfied（满意）、basic（基本满意）或 unsatisfied（不满意）' });
export type EvaluationGrade = z.infer<typeof EvaluationGrade>;
export const Choice = EvaluationGrade;
export const GRADE_NAMES: Record<EvaluationGrade, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export const EvaluationStatus = z.enum(['draft', 'open', 'closed', 'postponed']);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

const Fraction = z.number({ error: '必须是 0 到 1 之间的小数' }).min(0, { error: '不能小于 0' }).max(1, { error: '不能大于 1' });

/**
 * How a unit counts: the quorum (more than `quorumAbove` of all members present), the base of
 * the count (members present, or all members), and the thresholds: satisfied when satisfied
 * votes exceed `satisfiedAbove` of the base; basically satisfied when satisfied + basically
 * satisfied exceed `acceptableAbove` of it; otherwise unsatisfied. Stored with every result.
 */
export const EvaluationRule = z.object({
  quorumAbove: Fraction.default(0.5),
  base: z.enum(['present', 'all'], { error: 'base 必须是 present（出席人数）或 all（全体组成人员）' }).default('present'),
  satisfiedAbove: Fraction.default(0.5),
  acceptableAbove: Fraction.default(0.5),
  /** An unsatisfied result requires a deferred report (延期报告) this many months later. */
  deferredReportMonths: z.number().int().min(1).max(24).default(3),
});
export type EvaluationRule = z.infer<typeof EvaluationRule>;
export const DEFAULT_EVALUATION_RULE: EvaluationRule = EvaluationRule.parse({});

export const Counts = z.object({
  satisfied: z.number().int().min(0),
  basic: z.number().int().min(0),
  unsatisfied: z.number().int().min(0),
  /** Present but did not vote (electronic), or as the paper count says. */
  notVoting: z.number().int().min(0),
});
export type Counts = z.infer<typeof Counts>;

export const EvaluationResult = z.object({
  evaluationId: Uuid,
  counts: Counts,
  roster: z.number().int(),
  present: z.number().int(),
  ballots: z.number().int(),
  /** The count the thresholds were applied to: present, or the whole roster. */
  base: z.number().int(),
  /** (satisfied + basically satisfied) / ballots cast, 0–1. */
  satisfactionRate: z.number(),
  satisfiedRate: z.number(),
  grade: EvaluationGrade,
  passed: z.boolean(),
  rule: EvaluationRule,
  deferredReportDue: z.string().nullable(),
  /** electronic: cast on the platform; paper: paper ballots; device: the meeting hall's voting device. */
  source: z.enum(['electronic', 'paper', 'device']),
  clerk: z.string().nullable(),
  scrutineers: z.array(z.string()),
  recordedAt: z.string(),
  /** Later corrections, each a new audited record; the counts above are as first recorded. */
  corrections: z.array(z.object({ counts: Counts, reason: z.string(), by: z.string(), at: z.string() })),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;

export const EvaluationInput = z.object({
  projectId: Uuid,
  /** The deliberation opinion whose handling is evaluated. */
  opinionId: Uuid.nullable().default(null),
  /** The body whose handling is evaluated (for statistics by body). */
  bodyId: Uuid.nullable().default(null),
  /** e.g. 市六届人大常委会第四次会议 */
  session: z.string().trim().min(4, { error: '会议名称至少 4 个字' }).max(100),
  heldOn: DateOnly,
  /** The report being evaluated, e.g. 市人民政府关于……审议意见研究处理情况的报告 */
  reportTitle: z.string().trim().min(4, { error: '报告名称至少 4 个字' }).max(300),
});

export const Evaluation = EvaluationInput.extend({
  id: Uuid,
  unitCode: UnitCode,
  status: EvaluationStatus,
  rule: EvaluationRule,
  roster: z.number().int(),
  present: z.number().int(),
  ballots: z.number().int(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  postponedFrom: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** What the caller may do with it now (check in, vote, open…), or why not: from voting's rules table. */
  allowedActions: AllowedActions,
});
export type Evaluation = z.infer<typeof Evaluation>;

/** What the presiding screen shows while voting: how many have voted, never which way. */
export const EvaluationProgress = z.object({ evaluationId: Uuid, status: EvaluationStatus, roster: z.number().int(), present: z.number().int(), ballots: z.number().int() });

export const RosterEntry = z.object({ personId: Uuid, name: z.string(), title: z.string(), present: z.boolean() });

export const AttendanceInput = z.union([
  /** The member checks in on their own device. */
  z.object({ self: z.literal(true) }).strict(),
  /** The clerk marks members present (or absent). */
  z.object({ present: z.array(Uuid).max(1000).default([]), absent: z.array(Uuid).max(1000).default([]) }).strict(),
]);

export const BallotInput = z.object({ choice: Choice });

/**
 * Where the caller stands in one evaluation: on its frozen roster, checked in, has voted. Only
 * ever about the caller, and never the choice: what the voting page needs to show the right
 * step without guessing from error messages.
 */
export const MyParticipation = z.object({ onRoster: z.boolean(), present: z.boolean(), voted: z.boolean() });

export const PaperResultInput = z.object({
  present: z.number().int().min(0),
  counts: Counts,
  /** 计票人 */
  clerk: z.string().trim().min(2, { error: '计票人至少 2 个字' }).max(50),
  /** 监票人 */
  scrutineers: z.array(z.string().trim().min(2).max(50)).min(1, { error: '至少一名监票人' }).max(10),
  source: z.enum(['paper', 'device'], { error: 'source 必须是 paper（纸质选票）或 device（表决器）' }).default('paper'),
});

export const PostponeInput = z.object({ heldOn: DateOnly, reason: z.string().trim().min(2, { error: '延期理由至少 2 个字' }).max(1000) });

export const StatsQuery = z.object({ from: DateOnly.optional(), to: DateOnly.optional() });
const Rate = z.object({ evaluations: z.number().int(), ballots: z.number().int(), satisfied: z.number().int(), basic: z.number().int(), unsatisfied: z.number().int(), satisfactionRate: z.number() });
export const EvaluationStats = Rate.extend({
  unitCode: UnitCode,
  from: z.string().nullable(),
  to: z.string().nullable(),
  grades: z.record(EvaluationGrade, z.number().int()),
  byYear: z.array(Rate.extend({ year: z.number().int() })),
  byBody: z.array(Rate.extend({ bodyId: Uuid })),
});

// ---- requests served by voting ------------------------------------------------------------

const Id = z.object({ id: Uuid });
export const EvaluationCreate = defineRequest({ subject: 'voting.evaluation.create', service: 'voting', request: EvaluationInput.extend({ unitCode: UnitCode }), response: Evaluation });
export const EvaluationGet = defineRequest({ subject: 'voting.evaluation.get', service: 'voting', request: Id, response: Evaluation });
export const EvaluationList = defineRequest({
  subject: 'voting.evaluation.list',
  service: 'voting',
  request: z.object({ unitCodes: z.array(UnitCode).min(1).max(500), projectId: Uuid.optional(), status: EvaluationStatus.optional(), limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
  response: z.object({ items: z.array(Evaluation), nextCursor: z.string().nullable() }),
});
/** Just the unit of an evaluation: what the gateway's unit rule needs on the busiest path (casting). */
export const EvaluationUnitGet = defineRequest({ subject: 'voting.evaluation.unit', service: 'voting', request: Id, response: z.object({ unitCode: UnitCode }) });
export const EvaluationRosterGet = defineRequest({ subject: 'voting.evaluation.roster', service: 'voting', request: Id, response: z.object({ items: z.array(RosterEntry) }) });
export const EvaluationAttendance = defineRequest({ subject: 'voting.evaluation.attendance', service: 'voting', request: z.object({ id: Uuid, attendance: AttendanceInput }), response: EvaluationProgress });
export const EvaluationOpen = defineRequest({ subject: 'voting.evaluation.open', service: 'voting', request: Id, response: Evaluation });
export const MyParticipationGet = defineRequest({ subject: 'voting.evaluation.mine', service: 'voting', request: Id, response: MyParticipation });
export const BallotCast = defineRequest({ subject: 'voting.evaluation.cast', service: 'voting', request: BallotInput.extend({ id: Uuid }), response: z.object({ accepted: z.literal(true) }) });
export const EvaluationProgressGet = defineRequest({ subject: 'voting.evaluation.progress', service: 'voting', request: Id, response: EvaluationProgress });
export const EvaluationClose = defineRequest({ subject: 'voting.evaluation.close', service: 'voting', request: Id, response: EvaluationResult });
export const EvaluationResultGet = defineRequest({ subject: 'voting.evaluation.result', service: 'voting', request: Id, response: EvaluationResult });
export const EvaluationPaperResult = defineRequest({ subject: 'voting.evaluation.paper-result', service: 'voting', request: PaperResultInput.extend({ id: Uuid }), response: EvaluationResult });
export const EvaluationPostpone = defineRequest({ subject: 'voting.evaluation.postpone', service: 'voting', request: PostponeInput.extend({ id: Uuid }), response: Evaluation });
export const EvaluationRuleGet = defineRequest({ subject: 'voting.rule.get', service: 'voting', request: z.object({ unitCode: UnitCode }), response: EvaluationRule });
export const EvaluationRuleSet = defineRequest({ subject: 'voting.rule.set', service: 'voting', request: EvaluationRule.extend({ unitCode: UnitCode }), response: EvaluationRule });
export const EvaluationStatsGet = defineRequest({ subject: 'voting.evaluation.stats', service: 'voting', request: StatsQuery.extend({ unitCode: UnitCode }), response: EvaluationStats });

// ---- events published by voting (counts only) ---------------------------------------------

const EvaluationFact = z.object({ evaluationId: Uuid, unitCode: UnitCode, projectId: Uuid, opinionId: Uuid.nullable(), session: z.string(), heldOn: z.string() });
export const EvaluationCreated = defineEvent({ name: 'evaluation.created.v1', producer: 'voting', payload: EvaluationFact.extend({ reportTitle: z.string(), roster: z.number().int() }) });
export const EvaluationOpened = defineEvent({ name: 'evaluation.opened.v1', producer: 'voting', payload: EvaluationFact.extend({ present: z.number().int(), roster: z.number().int() }) });
export const EvaluationPostponed = defineEvent({ name: 'evaluation.postponed.v1', producer: 'voting', payload: EvaluationFact.extend({ from: z.string(), reason: z.string() }) });

/**
 * A satisfaction evaluation (审议测评) was closed and its result announced. Counts only: no event
 * ever carries who voted how. An `unsatisfied` grade requires a deferred report by
 * `deferredReportDue`; issue-tracking reopens the opinion's problems with that deadline.
 */
export const EvaluationClosed = defineEvent({
  name: 'evaluation.closed.v1',
  producer: 'voting',
  payload: EvaluationFact.extend({
    counts: Counts,
    /** (satisfied + basically satisfied) / ballots cast, 0–1. */
    satisfactionRate: z.number().min(0).max(1),
    grade: EvaluationGrade,
    /** True unless the grade is unsatisfied. */
    passed: z.boolean(),
    /** The rule the result was counted under, as stored with it. */
    rule: z.record(z.string(), z.unknown()),
    /** Set when the grade is unsatisfied: the deferred report (延期报告) is due then. */
    deferredReportDue: z.iso.date().nullable(),
  }),
});
