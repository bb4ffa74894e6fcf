import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A deliberation opinion (审议意见), transmitted with its problem list. */
@Entity('opinions')
@Check('opinions_status_check', `status IN ('draft', 'transmitted')`)
@Index('opinions_project_idx', ['projectId', 'id'])
export class OpinionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('smallint') year!: number;
  @Column('text') session!: string;
  @Column('date') deliberatedOn!: string;
  @Column('text') text!: string;
  @Column('text') status!: 'draft' | 'transmitted';
  @Column({ type: 'timestamptz', nullable: true }) transmittedAt!: Date | null;
  @Column({ type: 'date', nullable: true }) reportDueDate!: string | null;
  @Column({ type: 'date', nullable: true }) deferredReportDue!: string | null;
  @Column({ type: 'boolean', nullable: true }) lastEvaluationPassed!: boolean | null;
  @Column('text') createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** Each satisfaction evaluation applied, once (evaluation.closed.v1). */
@Entity('evaluation_outcomes')
@Index('evaluation_outcomes_project_idx', ['projectId', 'appliedAt'])
@Index('evaluation_outcomes_opinion_held_idx', ['opinionId', 'heldOn'])
@Index('evaluation_outcomes_project_held_idx', ['projectId', 'heldOn', 'appliedAt'])
export class EvaluationOutcomeEntity {
  @PrimaryColumn('uuid') evaluationId!: string;
  @Column({ type: 'uuid', nullable: true }) opinionId!: string | null;
  @Column('text') grade!: string;
  @Column('boolean') passed!: boolean;
  @Column({ type: 'date', nullable: true }) deferredReportDue!: string | null;
  @Column('integer') reopened!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) appliedAt!: Date;
  @Column({ type: 'uuid', nullable: true }) projectId!: string | null;
  /** The day the evaluation was held: the latest held is the one in force, whatever the order events arrive in. */
  @Column('date') heldOn!: string;
}

export const OPINION_ENTITIES = [OpinionEntity, EvaluationOutcomeEntity];
