import type { EvaluationGrade, EvaluationRule, EvaluationStatus } from '@congress/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';

/** A unit's counting rule (absent: the default rule). */
@Entity('evaluation_rules')
export class EvaluationRuleEntity {
  @PrimaryColumn({ type: 'char', length: 6, primaryKeyConstraintName: 'evaluation_rules_pkey' }) unitCode!: string;
  @Column('jsonb') rule!: EvaluationRule;
  @Column('text') updatedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('evaluations')
@Index('evaluations_unit_idx', ['unitCode', 'heldOn', 'id'])
@Index('evaluations_project_idx', ['projectId'])
@Check('evaluations_status_check', `status IN ('draft', 'open', 'closed', 'postponed')`)
export class EvaluationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'evaluations_pkey' }) id!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('uuid') projectId!: string;
  @Column({ type: 'uuid', nullable: true }) opinionId!: string | null;
  @Column({ type: 'uuid', nullable: true }) bodyId!: string | null;
  @Column('text') session!: string;
  @Column('date') heldOn!: string;
  @Column('text') reportTitle!: string;
  @Column('text') status!: EvaluationStatus;
  /** The unit's rule when the evaluation was created: it is counted under this one. */
  @Column('jsonb') rule!: EvaluationRule;
  @Column({ type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'date', nullable: true }) postponedFrom!: string | null;
  @Column('text') createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** The roster frozen when the evaluation was created, with attendance. */
@Entity('evaluation_roster')
@Index('evaluation_roster_subject_idx', ['evaluationId', 'subject'])
export class EvaluationRosterEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'evaluation_roster_pkey' }) evaluationId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'evaluation_roster_pkey' }) personId!: string;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column('text') name!: string;
  @Column('text') title!: string;
  @Column('int') position!: number;
  @Column({ type: 'boolean', default: false }) present!: boolean;

  @ManyToOne(() => EvaluationEntity)
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'evaluation_roster_evaluation_id_fkey' })
  evaluation?: EvaluationEntity;
}

/** Who has voted. Deliberately nothing else: no time, no order column, no choice (docs/security/secret-ballot.md). */
@Entity('participations')
export class ParticipationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'participations_pkey' }) evaluationId!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'participations_pkey' }) personId!: string;

  @ManyToOne(() => EvaluationEntity)
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'participations_evaluation_id_fkey' })
  evaluation?: EvaluationEntity;
}

/** The stored result: insert-only (a trigger refuses updates and deletes; corrections are new rows). */
@Entity('evaluation_results')
@Check('evaluation_results_satisfied_check', `satisfied >= 0`)
@Check('evaluation_results_basic_check', `basic >= 0`)
@Check('evaluation_results_unsatisfied_check', `unsatisfied >= 0`)
@Check('evaluation_results_not_voting_check', `not_voting >= 0`)
@Check('evaluation_results_grade_check', `grade IN ('satisfied', 'basic', 'unsatisfied')`)
@Check('evaluation_results_source_check', `source IN ('electronic', 'paper', 'device')`)
export class EvaluationResultEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'evaluation_results_pkey' }) evaluationId!: string;
  @Column('int') satisfied!: number;
  @Column('int') basic!: number;
  @Column('int') unsatisfied!: number;
  @Column('int') notVoting!: number;
  @Column('int') roster!: number;
  @Column('int') present!: number;
  @Column('int') base!: number;
  @Column({ type: 'numeric', precision: 5, scale: 4 }) satisfactionRate!: string;
  @Column({ type: 'numeric', precision: 5, scale: 4 }) satisfiedRate!: string;
  @Column('text') grade!: EvaluationGrade;
  @Column('jsonb') rule!: EvaluationRule;
  @Column({ type: 'date', nullable: true }) deferredReportDue!: string | null;
  @Column('text') source!: 'electronic' | 'paper' | 'device';
  @Column({ type: 'text', nullable: true }) clerk!: string | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) scrutineers!: string[];
  @Column('text') recordedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;

  @OneToOne(() => EvaluationEntity)
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'evaluation_results_evaluation_id_fkey' })
  evaluation?: EvaluationEntity;
}

/** A correction of a stored result: a new, audited row; the result itself never changes. */
@Entity('result_corrections')
export class ResultCorrectionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'result_corrections_pkey' }) id!: string;
  @Column('uuid') evaluationId!: string;
  @Column('int') satisfied!: number;
  @Column('int') basic!: number;
  @Column('int') unsatisfied!: number;
  @Column('int') notVoting!: number;
  @Column('text') reason!: string;
  @Column('text') correctedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) correctedAt!: Date;

  @ManyToOne(() => EvaluationResultEntity)
  @JoinColumn({ name: 'evaluation_id', referencedColumnName: 'evaluationId', foreignKeyConstraintName: 'result_corrections_evaluation_id_fkey' })
  result?: EvaluationResultEntity;
}

export const EVALUATION_ENTITIES = [EvaluationRuleEntity, EvaluationEntity, EvaluationRosterEntity, ParticipationEntity, EvaluationResultEntity, ResultCorrectionEntity];
