import { z } from 'zod';
import { PageQuery, UnitCode, Uuid, pageOf, patchOf } from '../shared/common.js';
import { defineEvent, defineRequest } from '../shared/define.js';
import { AllowedActions } from '../shared/machine.js';
import { TimelineEntry } from '../projects/project.contracts.js';

// 问题清单 + 督促整改: findings, deliberation opinions, the rectification list and its ledger.

const DateOnly = z.iso.date({ error: '日期必须是 YYYY-MM-DD' });
const Text = (label: string, max: number, min = 2) =>
  z.string({ error: `${label}必须是文字` }).trim().min(min, { error: `${label}至少 ${min} 个字` }).max(max, { error: `${label}不能超过 ${max} 个字` });

/** What a close-out may have to be proved with. */
export const EvidenceKind = z.enum(['document', 'site-photo', 'deputy-confirmation', 'other'], {
  error: '证明材料类型必须是 document（整改文件）、site-photo（现场照片）、deputy-confirmation（代表确认意见）或 other（其他材料）',
});
export type EvidenceKind = z.infer<typeof EvidenceKind>;
export const EVIDENCE_NAMES: Record<EvidenceKind, string> = {
  document: '整改文件',
  'site-photo': '现场照片',
  'deputy-confirmation': '代表确认意见',
  other: '其他材料',
};

/**
 * draft 待交办 → assigned 已交办 → rectifying 整改中 → close-requested 申请销号 → closed 已销号;
 * extended 已延期 (a new deadline was approved); reopened 重新整改 (failed evaluation or look-back).
 */
export const ProblemStatus = z.enum(['draft', 'assigned', 'rectifying', 'close-requested', 'closed', 'extended', 'reopened'], {
  error: '状态必须是 draft、assigned、rectifying、close-requested、closed、extended 或 reopened',
});
export type ProblemStatus = z.infer<typeof ProblemStatus>;
export const PROBLEM_STATUS_NAMES: Record<ProblemStatus, string> = {
  draft: '待交办',
  assigned: '已交办',
  rectifying: '整改中',
  'close-requested': '申请销号',
  closed: '已销号',
  extended: '已延期',
  reopened: '重新整改',
};

/** green 正常, yellow 预警 (deadline near, or no progress for a while), red 逾期. */
export const TrafficLight = z.enum(['green', 'yellow', 'red']);
export type TrafficLight = z.infer<typeof TrafficLight>;

// ---- research findings (调研发现) --------------------------------------------------------

export const FindingInput = z.object({
  description: Text('问题描述', 2000, 5),
  place: z.string().trim().max(200).default(''),
  category: z.string().trim().max(50).default(''),
  suggestedBodyId: Uuid.nullable().default(null),
});
export type FindingInput = z.infer<typeof FindingInput>;
export const Finding = FindingInput.extend({ id: Uuid, projectId: Uuid, unitCode: UnitCode, recordedBy: z.string(), createdAt: z.string() });
export type Finding = z.infer<typeof Finding>;

// ---- deliberation opinions (审议意见) ----------------------------------------------------

export const OpinionInput = z.object({
  /** e.g. 市五届人大常委会第三十三次会议 */
  session: Text('会议名称', 100, 4),
  deliberatedOn: DateOnly,
  text: Text('审议意见', 20000, 10),
  /** Findings to turn into problems of this opinion (each may be edited afterwards). */
  findingIds: z.array(Uuid).max(500).default([]),
});
export const Opinion = z.object({
  id: Uuid,
  projectId: Uuid,
  unitCode: UnitCode,
  year: z.number().int(),
  session: z.string(),
  deliberatedOn: z.string(),
  text: z.string(),
  status: z.enum(['draft', 'transmitted']),
  transmittedAt: z.string().nullable(),
  /** When the bodies' handling report is due. */
  reportDueDate: z.string().nullable(),
  /** Set by a failed satisfaction evaluation: the deferred report (延期报告) is due then. */
  deferredReportDue: z.string().nullable(),
  problemCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  /** What the caller may do with the opinion now (computed by issue-tracking's rules table). */
  allowedActions: AllowedActions,
});
export type Opinion = z.infer<typeof Opinion>;

export const TransmitInput = z.object({
  reportDueDate: DateOnly,
  /** Problems without their own deadline get this one. */
  defaultDeadline: DateOnly.optional(),
});

// ---- problems (问题 → 整改清单) ----------------------------------------------------------

export const ProblemInput = z.object({
  description: Text('问题描述', 2000, 5),
  place: z.string().trim().max(200).default(''),
  category: z.string().trim().max(50).default(''),
  responsibleBodyId: Uuid,
  coBodyIds: z.array(Uuid).max(20).default([]),
  responsiblePerson: z.string().trim().max(50).default(''),
  deadline: DateOnly.nullable().default(null),
  measures: z.string().trim().max(5000).default(''),
  requiredEvidence: z.array(EvidenceKind).max(4).default([]),
  findingId: Uuid.nullable().default(null),
});
export type ProblemInput = z.infer<typeof ProblemInput>;

/** What may still be edited on a problem (measures are the body's, the rest is staff's). */
export const ProblemPatch = patchOf(ProblemInput.omit({ findingId: true }));

/** A problem on the ledger (named ProblemItem: `Problem` is the platform's error shape, RFC 9457). */
export const ProblemItem = z.object({
  id: Uuid,
  /** unit-year-project-sequence, e.g. 431000-2021-03-007 */
  number: z.string(),
  opinionId: Uuid,
  projectId: Uuid,
  unitCode: UnitCode,
  year: z.number().int(),
  description: z.string(),
  place: z.string(),
  category: z.string(),
  responsibleBodyId: Uuid,
  coBodyIds: z.array(Uuid),
  responsiblePerson: z.string(),
  deadline: z.string().nullable(),
  measures: z.string(),
  requiredEvidence: z.array(EvidenceKind),
  findingId: Uuid.nullable(),
  status: ProblemStatus,
  percent: z.number().int().min(0).max(100),
  lastProgressAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  overdue: z.boolean(),
  light: TrafficLight,
  version: z.number().int(),
  createdAt: z.string(),
  /** What the caller may do with the problem now (computed by issue-tracking's rules table). */
  allowedActions: AllowedActions,
});
export type ProblemItem = z.infer<typeof ProblemItem>;

export const LedgerFilters = z.object({
  project: Uuid.optional(),
  opinion: Uuid.optional(),
  /** Responsible or co-responsible body. */
  body: Uuid.optional(),
  status: ProblemStatus.optional(),
  /** true: past deadline and not closed; false: the others. */
  overdue: z.boolean().optional(),
  deadlineFrom: DateOnly.optional(),
  deadlineTo: DateOnly.optional(),
  /** pending: an extension request awaits a leader's decision (the leader's to-do list). */
  extension: z.enum(['pending'], { error: '只能是 pending（有待审批的延期申请）' }).optional(),
  /** A substring of the description, place or measures. */
  q: z.string().trim().min(1).max(100).optional(),
});
export const LedgerQuery = PageQuery.extend(LedgerFilters.shape);
/** The same filters in a URL query string (`overdue=true`). */
export const LedgerFilterQuery = LedgerFilters.extend({
  overdue: z.enum(['true', 'false'], { error: '只能是 true 或 false' }).transform((v) => v === 'true').optional(),
});

export const ProblemCounts = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  byStatus: z.record(ProblemStatus, z.number().int()),
  byBody: z.array(z.object({ bodyId: Uuid, total: z.number().int(), open: z.number().int(), overdue: z.number().int(), closed: z.number().int(), light: TrafficLight })),
});

export const ProgressInput = z.object({
  text: Text('进展情况', 5000, 2),
  percent: z.number({ error: '完成百分比必须是整数' }).int({ error: '完成百分比必须是整数' }).min(0, { error: '不能小于 0' }).max(100, { error: '不能大于 100' }),
  attachmentIds: z.array(Uuid).max(20).default([]),
});
export const Progress = z.object({ id: Uuid, problemId: Uuid, text: z.string(), percent: z.number().int(), attachmentIds: z.array(Uuid), reportedBy: z.string(), reportedAt: z.string() });

export const CloseRequestInput = z.object({
  text: Text('整改情况说明', 5000, 2),
  attachmentIds: z.array(Uuid).max(20).default([]),
});

export const VerificationInput = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('accept'), note: z.string().trim().max(2000).default('') }),
    z.object({ decision: z.literal('send-back'), reason: Text('退回理由', 2000, 2) }),
  ],
  { error: 'decision 必须是 accept（销号）或 send-back（退回）' },
);

export const ExtensionRequestInput = z.object({ reason: Text('延期理由', 2000, 2), proposedDeadline: DateOnly });
export const ExtensionDecisionInput = z.object({
  decision: z.enum(['approve', 'refuse'], { error: 'decision 必须是 approve（同意）或 refuse（不同意）' }),
  reason: z.string().trim().max(2000).default(''),
});
export const Extension = z.object({
  id: Uuid,
  problemId: Uuid,
  reason: z.string(),
  proposedDeadline: z.string(),
  previousDeadline: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});

export const LookBackInput = z.object({
  checkedOn: DateOnly,
  result: z.enum(['passed', 'failed'], { error: 'result 必须是 passed（整改到位）或 failed（未整改到位）' }),
  note: Text('复查情况', 5000, 2),
  /** For a failed re-check: the new deadline of the reopened problem. */
  newDeadline: DateOnly.optional(),
});
export const LookBack = z.object({ id: Uuid, problemId: Uuid, checkedOn: z.string(), result: z.enum(['passed', 'failed']), note: z.string(), recordedBy: z.string(), recordedAt: z.string() });

export const HistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: ProblemStatus.nullable(),
  toStatus: ProblemStatus.nullable(),
  /** Chinese, for people. */
  summary: z.string(),
  actor: z.string(),
});

// ---- attachments -----------------------------------------------------------------------

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const Attachment = z.object({
  id: Uuid,
  ownerType: z.enum(['problem', 'finding']),
  ownerId: Uuid,
  unitCode: UnitCode,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  evidence: EvidenceKind.nullable(),
  blobKey: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

// ---- requests served by issue-tracking --------------------------------------------------

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const Ref = z.object({ projectId: Uuid, unitCode: UnitCode, year: z.number().int() });

export const FindingCreate = defineRequest({ subject: 'issue-tracking.finding.create', service: 'issue-tracking', request: FindingInput.extend(Ref.shape), response: Finding });
export const FindingImport = defineRequest({
  subject: 'issue-tracking.finding.import',
  service: 'issue-tracking',
  request: Ref.extend({ findings: z.array(FindingInput).min(1).max(2000) }),
  response: z.object({ imported: z.number().int(), ids: z.array(Uuid) }),
});
export const FindingList = defineRequest({ subject: 'issue-tracking.finding.list', service: 'issue-tracking', request: z.object({ projectId: Uuid }), response: Items(Finding) });

export const OpinionCreate = defineRequest({ subject: 'issue-tracking.opinion.create', service: 'issue-tracking', request: OpinionInput.extend(Ref.shape), response: Opinion });
export const OpinionGet = defineRequest({ subject: 'issue-tracking.opinion.get', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Opinion });
export const OpinionList = defineRequest({ subject: 'issue-tracking.opinion.list', service: 'issue-tracking', request: z.object({ projectId: Uuid }), response: Items(Opinion) });
export const OpinionTransmit = defineRequest({ subject: 'issue-tracking.opinion.transmit', service: 'issue-tracking', request: TransmitInput.extend({ id: Uuid }), response: Opinion });

export const ProblemCreate = defineRequest({ subject: 'issue-tracking.problem.create', service: 'issue-tracking', request: ProblemInput.extend({ opinionId: Uuid }), response: ProblemItem });
export const ProblemImport = defineRequest({
  subject: 'issue-tracking.problem.import',
  service: 'issue-tracking',
  request: z.object({ opinionId: Uuid, problems: z.array(ProblemInput).min(1).max(2000) }),
  response: z.object({ imported: z.number().int(), ids: z.array(Uuid) }),
});
export const ProblemUpdate = defineRequest({ subject: 'issue-tracking.problem.update', service: 'issue-tracking', request: ProblemPatch.extend({ id: Uuid, expectedVersion: z.number().int().positive() }), response: ProblemItem });
export const ProblemGet = defineRequest({ subject: 'issue-tracking.problem.get', service: 'issue-tracking', request: z.object({ id: Uuid }), response: ProblemItem });
export const ProblemList = defineRequest({
  subject: 'issue-tracking.problem.list',
  service: 'issue-tracking',
  // Up to 1,000 per page for exports; a page also ends early to stay well under NATS's 1 MB
  // message limit (long descriptions and measures), so `limit` is a maximum.
  request: LedgerQuery.extend({ unitCodes: z.array(UnitCode).min(1).max(500), limit: z.number().int().min(1).max(1000).default(50) }),
  response: pageOf(ProblemItem),
});
export const ProblemCountsGet = defineRequest({
  subject: 'issue-tracking.problem.counts',
  service: 'issue-tracking',
  request: LedgerFilters.extend({ unitCodes: z.array(UnitCode).min(1).max(500) }),
  response: ProblemCounts,
});
export const ProgressReport = defineRequest({ subject: 'issue-tracking.problem.progress', service: 'issue-tracking', request: ProgressInput.extend({ id: Uuid }), response: Progress });
export const ProgressList = defineRequest({ subject: 'issue-tracking.problem.progress-list', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Items(Progress) });
export const CloseRequest = defineRequest({ subject: 'issue-tracking.problem.close-request', service: 'issue-tracking', request: CloseRequestInput.extend({ id: Uuid }), response: ProblemItem });
export const ProblemVerify = defineRequest({ subject: 'issue-tracking.problem.verify', service: 'issue-tracking', request: z.intersection(VerificationInput, z.object({ id: Uuid })), response: ProblemItem });
export const ExtensionRequest = defineRequest({ subject: 'issue-tracking.problem.extension-request', service: 'issue-tracking', request: ExtensionRequestInput.extend({ id: Uuid }), response: Extension });
export const ExtensionDecide = defineRequest({ subject: 'issue-tracking.problem.extension-decide', service: 'issue-tracking', request: ExtensionDecisionInput.extend({ id: Uuid, extensionId: Uuid }), response: Extension });
export const ExtensionList = defineRequest({ subject: 'issue-tracking.problem.extension-list', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Items(Extension) });
export const LookBackRecord = defineRequest({ subject: 'issue-tracking.problem.look-back', service: 'issue-tracking', request: LookBackInput.extend({ id: Uuid }), response: LookBack });
export const LookBackList = defineRequest({ subject: 'issue-tracking.problem.look-back-list', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Items(LookBack) });
export const ProblemHistory = defineRequest({ subject: 'issue-tracking.problem.history', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Items(HistoryEntry) });

export const AttachmentRegister = defineRequest({
  subject: 'issue-tracking.attachment.register',
  service: 'issue-tracking',
  request: Attachment.pick({ ownerType: true, ownerId: true, name: true, contentType: true, size: true, sha256: true, evidence: true, blobKey: true }),
  response: Attachment,
});
export const AttachmentGet = defineRequest({ subject: 'issue-tracking.attachment.get', service: 'issue-tracking', request: z.object({ id: Uuid }), response: Attachment });
export const AttachmentList = defineRequest({
  subject: 'issue-tracking.attachment.list',
  service: 'issue-tracking',
  request: z.object({ ownerType: z.enum(['problem', 'finding']), ownerId: Uuid }),
  /** `unitCode`: the owner's unit, so the gateway can apply the unit rule even when there are no attachments. */
  response: Items(Attachment).extend({ unitCode: UnitCode }),
});

/** What project-library's closing guard needs: how many of a project's problems are not closed. */
export const ProjectProblemFacts = defineRequest({
  subject: 'issue-tracking.project.problem-facts',
  service: 'issue-tracking',
  request: z.object({ projectId: Uuid }),
  response: z.object({ total: z.number().int(), open: z.number().int(), lastEvaluationPassed: z.boolean().nullable() }),
});

/** The project's timeline entries kept by issue-tracking: findings, opinions, close-outs, reopenings, evaluations. */
export const ProjectIssueTimeline = defineRequest({
  subject: 'issue-tracking.project.timeline',
  service: 'issue-tracking',
  request: z.object({ projectId: Uuid }),
  response: z.object({ items: z.array(TimelineEntry) }),
});

// ---- events published by issue-tracking -------------------------------------------------

const ProblemFact = z.object({
  problemId: Uuid,
  number: z.string(),
  opinionId: Uuid,
  projectId: Uuid,
  unitCode: UnitCode,
  responsibleBodyId: Uuid,
  deadline: z.string().nullable(),
});

export const OpinionTransmitted = defineEvent({
  name: 'opinion.transmitted.v1',
  producer: 'issue-tracking',
  payload: z.object({ opinionId: Uuid, projectId: Uuid, unitCode: UnitCode, session: z.string(), reportDueDate: z.string(), bodyIds: z.array(Uuid), problemCount: z.number().int() }),
});
export const ProblemAssigned = defineEvent({ name: 'problem.assigned.v1', producer: 'issue-tracking', payload: ProblemFact });
export const ProblemProgressReported = defineEvent({
  name: 'problem.progress-reported.v1',
  producer: 'issue-tracking',
  payload: ProblemFact.extend({ progressId: Uuid, percent: z.number().int(), text: z.string(), reportedAt: z.string() }),
});
export const ProblemCloseRequested = defineEvent({ name: 'problem.close-requested.v1', producer: 'issue-tracking', payload: ProblemFact });
export const ProblemClosed = defineEvent({ name: 'problem.closed.v1', producer: 'issue-tracking', payload: ProblemFact.extend({ closedAt: z.string(), closedBy: z.string() }) });
export const ProblemExtended = defineEvent({ name: 'problem.extended.v1', producer: 'issue-tracking', payload: ProblemFact.extend({ previousDeadline: z.string().nullable() }) });
/** A problem passed its deadline and is not closed: once per deadline, whatever the replicas. */
export const ProblemOverdue = defineEvent({ name: 'problem.overdue.v1', producer: 'issue-tracking', payload: ProblemFact });
export const ProblemReopened = defineEvent({
  name: 'problem.reopened.v1',
  producer: 'issue-tracking',
  payload: ProblemFact.extend({ cause: z.enum(['evaluation', 'look-back']), reason: z.string() }),
});
