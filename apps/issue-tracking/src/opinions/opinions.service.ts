import {
  OpinionTransmitted,
  ProblemError,
  actorName,
  addDays,
  assertAllowed,
  targetOf,
  type Actor,
  type EvaluationClosed,
  type Opinion,
  type PayloadOf,
  type ProblemInput,
  type ProblemItem,
} from '@congress/contracts';
import { Outbox, RejectedEvent } from '@congress/messaging';
import { recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FindingsService, type ProjectRef } from '../findings/findings.module.js';
import { ProblemsService } from '../problems/problems.module.js';
import { OPINION_MACHINE, newOpinion, opinionSubjectOf, toOpinion, type OpinionRecord } from './opinion.rules.js';
import { OpinionRepository } from './opinion.repository.js';

const SYSTEM: Actor = { subject: 'system', roles: [] };

/**
 * Deliberation opinions and their problem lists up to transmission (交办), and what a
 * satisfaction evaluation records on them. The problems themselves are ProblemsService's: the
 * opinion asks it to list them, assign them on transmission and reopen them after a failed evaluation.
 */
@Injectable()
export class OpinionsService {
  constructor(
    @Inject(OpinionRepository) private readonly opinions: OpinionRepository,
    @Inject(ProblemsService) private readonly problems: ProblemsService,
    @Inject(FindingsService) private readonly findings: FindingsService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  private async locked(m: EntityManager, id: string): Promise<OpinionRecord> {
    const opinion = await this.opinions.lock(m, id);
    if (!opinion) throw ProblemError.notFound(`审议意见 ${id} 不存在`);
    return opinion;
  }

  /** Records the opinion; findings named become its draft problem list, to edit before transmitting. */
  async create(actor: Actor, ref: ProjectRef, input: { session: string; deliberatedOn: string; text: string; findingIds: string[] }): Promise<Opinion> {
    assertAllowed(OPINION_MACHINE, 'create', actor, newOpinion(ref.unitCode));
    return this.opinions.transaction(async (m) => {
      const id = await this.opinions.insert(m, { ...ref, session: input.session, deliberatedOn: input.deliberatedOn, text: input.text, createdBy: actorName(actor) });
      if (input.findingIds.length) {
        const findings = (await this.findings.byIds(m, input.findingIds)).filter((f) => f.projectId === ref.projectId);
        const byId = new Map(findings.map((f) => [f.id, f]));
        const errors = input.findingIds.flatMap((fid, i) =>
          !byId.has(fid)
            ? [{ field: `findingIds[${i}]`, rule: 'not_found', message: `调研发现 ${fid} 不属于本项目` }]
            : byId.get(fid)!.suggestedBodyId === null
              ? [{ field: `findingIds[${i}]`, rule: 'no_responsible_body', message: '这条调研发现没有建议责任单位：请先补充，或单独添加问题' }]
              : [],
        );
        if (errors.length) throw ProblemError.validation(errors, '部分调研发现不能转为问题');
        const problems: ProblemInput[] = findings.map((f) => ({
          description: f.description,
          place: f.place,
          category: f.category,
          responsibleBodyId: f.suggestedBodyId!,
          coBodyIds: [],
          responsiblePerson: '',
          deadline: null,
          measures: '',
          requiredEvidence: [],
          findingId: f.id,
        }));
        await this.problems.create(m, actor, { ...ref, id, transmitted: false }, problems);
      }
      const opinion = await this.locked(m, id);
      await recordAudit(m, { actor, unitCode: ref.unitCode, action: 'opinion.create', entityType: 'opinion', entityId: id, after: opinion });
      return toOpinion(opinion, actor);
    });
  }

  async get(actor: Actor, id: string): Promise<Opinion> {
    const opinion = await this.opinions.find(id);
    if (!opinion) throw ProblemError.notFound(`审议意见 ${id} 不存在`);
    return toOpinion(opinion, actor);
  }

  async list(actor: Actor, projectId: string): Promise<Opinion[]> {
    return (await this.opinions.ofProject(projectId)).map((o) => toOpinion(o, actor));
  }

  /**
   * 交办: the opinion and its problem list go to the responsible bodies. Every problem needs a
   * deadline (its own or the default given); all become assigned at once, or none.
   */
  async transmit(actor: Actor, id: string, input: { reportDueDate: string; defaultDeadline?: string }): Promise<Opinion> {
    return this.opinions.transaction(async (m) => {
      const before = await this.locked(m, id);
      assertAllowed(OPINION_MACHINE, 'transmit', actor, opinionSubjectOf(before));
      const { undated } = await this.problems.undatedDrafts(m, id);
      const given = { undated, defaultDeadline: input.defaultDeadline };
      assertAllowed(OPINION_MACHINE, 'transmit', actor, opinionSubjectOf(before), given);
      await this.opinions.transmit(m, id, targetOf(OPINION_MACHINE, 'transmit', actor, opinionSubjectOf(before), given), input.reportDueDate);
      const assigned = await this.problems.assignDrafts(m, actor, id, input.defaultDeadline);
      const after = await this.locked(m, id);
      await this.outbox.add(
        m,
        OpinionTransmitted,
        { opinionId: id, projectId: after.projectId, unitCode: after.unitCode, session: after.session, reportDueDate: input.reportDueDate, bodyIds: assigned.bodyIds, problemCount: assigned.count },
        { unitCode: after.unitCode },
      );
      await recordAudit(m, { actor, unitCode: after.unitCode, action: 'opinion.transmit', entityType: 'opinion', entityId: id, before, after });
      return toOpinion(after, actor);
    });
  }

  /**
   * The finding a new problem comes from must be one of the opinion's project: another unit's, or
   * one that does not exist, is the same 404 (nothing of another unit is revealed); one of another
   * project of the same unit is a 400.
   */
  private async assertFindingsOf(m: EntityManager, opinion: { projectId: string; unitCode: string }, inputs: ProblemInput[]): Promise<void> {
    const named = inputs.flatMap((p, i) => (p.findingId ? [{ i, id: p.findingId }] : []));
    if (!named.length) return;
    const found = new Map((await this.findings.byIds(m, named.map((n) => n.id))).map((f) => [f.id, f]));
    const field = (i: number) => (inputs.length === 1 ? 'findingId' : `problems[${i}].findingId`);
    const absent = named.filter((n) => found.get(n.id)?.unitCode !== opinion.unitCode);
    if (absent.length) {
      throw ProblemError.of('not-found', `调研发现 ${absent.map((n) => n.id).join('、')} 不存在`, absent.map((n) => ({ field: field(n.i), rule: 'not_found', message: '本单位没有这条调研发现' })));
    }
    const elsewhere = named.filter((n) => found.get(n.id)!.projectId !== opinion.projectId);
    if (elsewhere.length) throw ProblemError.validation(elsewhere.map((n) => ({ field: field(n.i), rule: 'not_of_project', message: '这条调研发现不属于本审议意见的监督项目' })));
  }

  /** Adds problems to an opinion: drafts before transmission, assigned at once after it. All or none. */
  async addProblems(actor: Actor, opinionId: string, inputs: ProblemInput[]): Promise<ProblemItem[]> {
    return this.opinions.transaction(async (m) => {
      const opinion = await this.locked(m, opinionId);
      assertAllowed(OPINION_MACHINE, 'add-problems', actor, opinionSubjectOf(opinion));
      assertAllowed(OPINION_MACHINE, 'add-problems', actor, opinionSubjectOf(opinion), { deadlines: inputs.map((p) => p.deadline) });
      await this.assertFindingsOf(m, opinion, inputs);
      return this.problems.create(m, actor, { ...opinion, transmitted: opinion.status === 'transmitted' }, inputs);
    });
  }

  /**
   * evaluation.closed.v1: records the result on the opinion and, for a failed one, asks its
   * problems to go back to work with the deferred report's due date. Applied once per
   * evaluation, however often the event arrives (the inbox drops redeliveries of one event; the
   * outcome row drops a second event about the same evaluation), and only if no evaluation of
   * the opinion held later was applied before it.
   */
  async applyEvaluation(m: EntityManager, e: PayloadOf<typeof EvaluationClosed>): Promise<number> {
    if (await this.opinions.outcomeSeen(m, e.evaluationId)) return 0;
    const heldOn = e.heldOn.slice(0, 10);
    let reopened = 0;
    const opinion = e.opinionId ? await this.opinions.lock(m, e.opinionId) : null;
    // An evaluation acts only on an opinion of its own unit: one naming another unit's opinion changes nothing.
    if (opinion && opinion.unitCode !== e.unitCode) {
      throw new RejectedEvent(`测评 ${e.evaluationId}（${e.unitCode}）指向其他单位的审议意见 ${opinion.id}，不予处理`);
    }
    // The result in force is the latest held: an older evaluation arriving late is recorded, and changes nothing.
    if (opinion && !(await this.opinions.laterOutcomeOf(m, opinion.id, heldOn))) {
      assertAllowed(OPINION_MACHINE, 'record-evaluation', SYSTEM, opinionSubjectOf(opinion));
      await this.opinions.recordEvaluation(m, opinion.id, e.passed, e.deferredReportDue);
      if (!e.passed) {
        const deadline = e.deferredReportDue ?? addDays(heldOn, 90);
        reopened = await this.problems.reopenForEvaluation(m, opinion.id, { heldOn, deadline, session: e.session });
      }
    }
    await this.opinions.addOutcome(m, e, heldOn, reopened);
    return reopened;
  }

  /** What project-library's closing guard asks: the project's problems not closed, and its last evaluation. */
  async projectFacts(projectId: string) {
    const [counts, lastEvaluationPassed] = await Promise.all([this.problems.projectCounts(projectId), this.opinions.lastEvaluationPassed(projectId)]);
    return { ...counts, lastEvaluationPassed };
  }
}
