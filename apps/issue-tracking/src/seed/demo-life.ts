import type { ProblemStatus } from '@congress/contracts';
import { v5 as uuidv5 } from 'uuid';

/** The namespace of every id the issue-tracking demo load gives (UUIDv5: the same on every run). */
export const ISSUE_NAMESPACE = uuidv5('urn:congress-supervision:demo-issues', uuidv5.URL);

export interface HistoryRow {
  id: string;
  action: string;
  from: ProblemStatus | null;
  to: ProblemStatus | null;
  summary: string;
  actor: string;
  at: string;
}
export interface ProgressRow {
  id: string;
  text: string;
  percent: number;
  by: string;
  at: string;
}
export interface CloseRequestRow {
  id: string;
  text: string;
  by: string;
  at: string;
  outcome: 'accepted' | 'sent-back' | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}
export interface ExtensionRow {
  id: string;
  reason: string;
  proposed: string;
  previous: string | null;
  status: 'pending' | 'approved' | 'refused';
  by: string;
  at: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}
export interface LookBackRow {
  id: string;
  checkedOn: string;
  result: 'passed' | 'failed';
  note: string;
  by: string;
  at: string;
}

/**
 * One problem's life, replayed step by step the way ProblemsService and OpinionsService would
 * have recorded it (the same statuses, history actions and summaries), so the loaded rows are
 * what the workflow would have left behind. Dates are calendar days in Asia/Shanghai; steps on
 * one day get increasing times, and a step before the previous one or after today is a bug in
 * the demo data (it throws).
 */
export class Life {
  status: ProblemStatus = 'draft';
  percent = 0;
  assignedAt: string | null = null;
  lastProgressAt: string | null = null;
  closedAt: string | null = null;
  closedBy: string | null = null;
  createdAt = '';
  updatedAt = '';
  /** 1 at creation, +1 for every change of the row (as ProblemStore.update counts). */
  version = 1;
  readonly history: HistoryRow[] = [];
  readonly progress: ProgressRow[] = [];
  readonly closeRequests: CloseRequestRow[] = [];
  readonly extensions: ExtensionRow[] = [];
  readonly lookBacks: LookBackRow[] = [];
  private lastOn = '';
  private readonly perDay = new Map<string, number>();

  constructor(
    private readonly key: string,
    public deadline: string | null,
    private readonly today: string,
  ) {}

  private at(on: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new Error(`${this.key}: bad date ${on}`);
    if (on < this.lastOn) throw new Error(`${this.key}: step on ${on} comes after one on ${this.lastOn}`);
    if (on > this.today) throw new Error(`${this.key}: step on ${on} is after today (${this.today})`);
    this.lastOn = on;
    const n = this.perDay.get(on) ?? 0;
    this.perDay.set(on, n + 1);
    const at = `${on}T${String(9 + Math.min(n, 14)).padStart(2, '0')}:${String((17 * n + 5) % 60).padStart(2, '0')}:00+08:00`;
    this.updatedAt = at;
    return at;
  }

  private id(kind: string, n: number): string {
    return uuidv5(`${this.key}:${kind}:${n}`, ISSUE_NAMESPACE);
  }

  private log(at: string, action: string, to: ProblemStatus, summary: string, actor: string, changesRow = true): void {
    const from = this.history.length === 0 ? null : this.status;
    this.history.push({ id: this.id('history', this.history.length), action, from, to, summary, actor, at });
    this.status = to;
    if (changesRow && from !== null) this.version++;
  }

  private pendingClose(): CloseRequestRow {
    const request = this.closeRequests.find((r) => r.outcome === null);
    if (!request || this.status !== 'close-requested') throw new Error(`${this.key}: no close-out request to decide`);
    return request;
  }

  /** 列入问题清单 (draft), or 补充交办 straight to assigned after the opinion was transmitted. */
  create(on: string, actor: string, assigned = false): this {
    const at = this.at(on);
    this.createdAt = at;
    if (assigned) {
      if (!this.deadline) throw new Error(`${this.key}: an assigned problem needs a deadline`);
      this.assignedAt = at;
      this.log(at, 'create', 'assigned', `补充交办，整改时限 ${this.deadline}`, actor);
    } else {
      this.log(at, 'create', 'draft', '列入问题清单（待交办）', actor);
    }
    return this;
  }

  /** 交办 with the opinion. */
  assign(on: string, actor: string): this {
    if (this.status !== 'draft' || !this.deadline) throw new Error(`${this.key}: only a draft with a deadline is assigned`);
    const at = this.at(on);
    this.assignedAt = at;
    this.log(at, 'assign', 'assigned', `随审议意见交办，整改时限 ${this.deadline}`, actor);
    return this;
  }

  report(on: string, percent: number, text: string, actor: string): this {
    const at = this.at(on);
    this.progress.push({ id: this.id('progress', this.progress.length), text, percent, by: actor, at });
    this.percent = percent;
    this.lastProgressAt = at;
    this.log(at, 'progress', 'rectifying', `报告整改进展：完成 ${percent}%`, actor);
    return this;
  }

  requestClose(on: string, text: string, actor: string): this {
    const at = this.at(on);
    this.closeRequests.push({ id: this.id('close-request', this.closeRequests.length), text, by: actor, at, outcome: null, reason: null, decidedBy: null, decidedAt: null });
    this.log(at, 'close-request', 'close-requested', `申请销号：${text.slice(0, 100)}`, actor);
    return this;
  }

  /** 核验销号. */
  accept(on: string, note: string, actor: string): this {
    const request = this.pendingClose();
    const at = this.at(on);
    Object.assign(request, { outcome: 'accepted', reason: note, decidedBy: actor, decidedAt: at });
    this.closedAt = at;
    this.closedBy = actor;
    this.percent = 100;
    this.log(at, 'close', 'closed', `核验通过，销号${note ? `：${note}` : ''}`, actor);
    return this;
  }

  sendBack(on: string, reason: string, actor: string): this {
    const request = this.pendingClose();
    const at = this.at(on);
    Object.assign(request, { outcome: 'sent-back', reason, decidedBy: actor, decidedAt: at });
    this.log(at, 'send-back', 'rectifying', `退回：${reason}`, actor);
    return this;
  }

  requestExtension(on: string, proposed: string, reason: string, actor: string): this {
    if (this.deadline && proposed <= this.deadline) throw new Error(`${this.key}: an extension must move the deadline later`);
    const at = this.at(on);
    this.extensions.push({
      id: this.id('extension', this.extensions.length),
      reason,
      proposed,
      previous: this.deadline,
      status: 'pending',
      by: actor,
      at,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
    });
    this.log(at, 'extension-request', this.status, `申请延期至 ${proposed}：${reason.slice(0, 100)}`, actor, false);
    return this;
  }

  decideExtension(on: string, approve: boolean, reason: string, actor: string): this {
    const ext = this.extensions.find((e) => e.status === 'pending');
    if (!ext) throw new Error(`${this.key}: no extension request to decide`);
    const at = this.at(on);
    Object.assign(ext, { status: approve ? 'approved' : 'refused', decidedBy: actor, decidedAt: at, decisionReason: reason || null });
    if (approve) {
      const previous = this.deadline;
      this.deadline = ext.proposed;
      this.log(at, 'extend', 'extended', `同意延期：时限由 ${previous} 改为 ${ext.proposed}`, actor);
    } else {
      this.log(at, 'extension-refused', this.status, `不同意延期${reason ? `：${reason}` : ''}`, actor, false);
    }
    return this;
  }

  /** 回头看: passed leaves it closed; failed reopens it (重新整改) with a new deadline. */
  lookBack(on: string, passed: boolean, note: string, actor: string, newDeadline?: string): this {
    if (this.status !== 'closed') throw new Error(`${this.key}: only a closed problem is looked back at`);
    const at = this.at(on);
    this.lookBacks.push({ id: this.id('look-back', this.lookBacks.length), checkedOn: on, result: passed ? 'passed' : 'failed', note, by: actor, at });
    if (passed) {
      this.log(at, 'look-back', 'closed', `回头看复查（${on}）：整改到位`, actor, false);
    } else {
      if (!newDeadline) throw new Error(`${this.key}: a failed look-back needs a new deadline`);
      this.deadline = newDeadline;
      this.closedAt = null;
      this.closedBy = null;
      this.log(at, 'reopen', 'reopened', `回头看复查未通过：${note}`, actor);
    }
    return this;
  }
}
