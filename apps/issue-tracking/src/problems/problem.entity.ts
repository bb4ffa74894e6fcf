import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { OPEN_SQL } from './problem.rules.js';

// The tables of a problem's life, as migrations 1764300000400–0420 made them (test/schema.int-spec.ts
// fails when the two disagree). Related tables of other features are named by entity name, not imported.

const STATUSES = `'draft', ${OPEN_SQL}, 'closed'`;

/** A problem (问题 → 整改清单): its text, bodies, deadline and status. */
@Entity('problems')
@Unique('problems_number_key', ['number'])
@Check('problems_status_check', `status IN (${STATUSES})`)
@Check('problems_percent_check', 'percent BETWEEN 0 AND 100')
@Index('problems_unit_idx', ['unitCode', 'id'])
@Index('problems_unit_status_idx', ['unitCode', 'status', 'id'])
@Index('problems_body_status_idx', ['responsibleBodyId', 'status', 'id'])
@Index('problems_opinion_idx', ['opinionId', 'sequence'])
@Index('problems_project_idx', ['projectId'])
// The overdue watch only ever looks at open problems with a deadline not yet announced.
@Index('problems_overdue_watch_idx', ['deadline'], { where: `overdue_notified_at IS NULL AND status IN (${OPEN_SQL})` })
export class ProblemEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') number!: string;
  @Column('integer') sequence!: number;
  @Column('uuid') opinionId!: string;
  @ManyToOne('OpinionEntity', { nullable: false })
  @JoinColumn({ name: 'opinion_id', foreignKeyConstraintName: 'problems_opinion_id_fkey' })
  opinion?: unknown;
  @Column('uuid') projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('smallint') year!: number;
  @Column('text') description!: string;
  @Column({ type: 'text', default: '' }) place!: string;
  @Column({ type: 'text', default: '' }) category!: string;
  @Column('uuid') responsibleBodyId!: string;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) coBodyIds!: string[];
  /** The lead body first, then the co-responsible ones (generated; problem_bodies is kept from it by triggers). */
  @Column({ type: 'uuid', array: true, nullable: true, generatedType: 'STORED', asExpression: 'array_prepend(responsible_body_id, co_body_ids)', insert: false, update: false })
  bodyIds!: string[];
  @Column({ type: 'text', default: '' }) responsiblePerson!: string;
  @Column({ type: 'date', nullable: true }) deadline!: string | null;
  @Column({ type: 'text', default: '' }) measures!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) requiredEvidence!: string[];
  @Column({ type: 'uuid', nullable: true }) findingId!: string | null;
  @ManyToOne('FindingEntity', { nullable: true })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'problems_finding_id_fkey' })
  finding?: unknown;
  @Column('text') status!: string;
  @Column({ type: 'smallint', default: 0 }) percent!: number;
  @Column({ type: 'timestamptz', nullable: true }) lastProgressAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) assignedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) closedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) overdueNotifiedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** One row per problem and responsible or co-responsible body, kept by triggers on problems (the ledger by body). */
@Entity('problem_bodies')
@Index('problem_bodies_body_idx', ['bodyId', 'problemId'])
@Index('problem_bodies_problem_idx', ['problemId'])
export class ProblemBodyEntity {
  @PrimaryColumn('uuid') bodyId!: string;
  @PrimaryColumn('text') status!: string;
  @PrimaryColumn('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'problem_bodies_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
}

/** A progress report (整改进展). */
@Entity('problem_progress')
@Index('problem_progress_problem_idx', ['problemId', 'reportedAt'])
export class ProblemProgressEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity)
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'problem_progress_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column('text') text!: string;
  @Column('smallint') percent!: number;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) attachmentIds!: string[];
  @Column('text') reportedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) reportedAt!: Date;
}

/** A close-out request (申请销号) and its verification. */
@Entity('close_requests')
@Check('close_requests_outcome_check', `outcome IN ('accepted', 'sent-back')`)
@Index('close_requests_problem_idx', ['problemId', 'requestedAt'])
export class CloseRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity)
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'close_requests_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column('text') text!: string;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) attachmentIds!: string[];
  @Column('text') requestedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) requestedAt!: Date;
  @Column({ type: 'text', nullable: true }) outcome!: 'accepted' | 'sent-back' | null;
  @Column({ type: 'text', nullable: true }) outcomeReason!: string | null;
  @Column({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}

/** An extension request (延期) and a leader's decision on it; one pending per problem. */
@Entity('extensions')
@Check('extensions_status_check', `status IN ('pending', 'approved', 'refused')`)
@Index('extensions_one_pending_idx', ['problemId'], { unique: true, where: `status = 'pending'` })
export class ExtensionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity)
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'extensions_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column('text') reason!: string;
  @Column('date') proposedDeadline!: string;
  @Column({ type: 'date', nullable: true }) previousDeadline!: string | null;
  @Column('text') status!: 'pending' | 'approved' | 'refused';
  @Column('text') requestedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) requestedAt!: Date;
  @Column({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) decisionReason!: string | null;
}

/** A look-back review (回头看) of a closed problem. */
@Entity('look_backs')
@Check('look_backs_result_check', `result IN ('passed', 'failed')`)
@Index('look_backs_problem_idx', ['problemId', 'checkedOn'])
export class LookBackEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity)
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'look_backs_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column('date') checkedOn!: string;
  @Column('text') result!: 'passed' | 'failed';
  @Column('text') note!: string;
  @Column('text') recordedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}

/** Every change of a problem, for people (the history tab). */
@Entity('problem_history')
@Index('problem_history_problem_idx', ['problemId', 'at', 'id'])
export class ProblemHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') problemId!: string;
  @ManyToOne(() => ProblemEntity)
  @JoinColumn({ name: 'problem_id', foreignKeyConstraintName: 'problem_history_problem_id_fkey' })
  problem?: ProblemEntity;
  @Column('text') action!: string;
  @Column({ type: 'text', nullable: true }) fromStatus!: string | null;
  @Column({ type: 'text', nullable: true }) toStatus!: string | null;
  @Column('text') summary!: string;
  @Column('text') actor!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}

/** A project's place in its unit-year and its next problem sequence (problem numbers). */
@Entity('project_refs')
@Unique('project_refs_unit_code_year_ordinal_key', ['unitCode', 'year', 'ordinal'])
export class ProjectRefEntity {
  @PrimaryColumn('uuid') projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('smallint') year!: number;
  @Column('integer') ordinal!: number;
  @Column({ type: 'integer', default: 1 }) nextProblem!: number;
}

export const PROBLEM_ENTITIES = [ProblemEntity, ProblemBodyEntity, ProblemProgressEntity, CloseRequestEntity, ExtensionEntity, LookBackEntity, ProblemHistoryEntity, ProjectRefEntity];
