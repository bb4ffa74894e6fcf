import type { Adjustment } from '@congress/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A dynamic adjustment (动态调整) of a unit's plan for a year, kept as history (migration 1764300000320). */
@Entity('adjustments')
@Index('adjustments_plan_idx', ['unitCode', 'planYear', 'recordedAt'])
@Index('adjustments_project_idx', ['projectId', 'recordedAt'])
@Check('adjustments_kind_check', `kind IN ('add', 'withdraw', 'postpone', 'change')`)
export class AdjustmentEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The project is the projects feature's; the foreign key names its table only. */
  @Column('uuid') @ForeignKey('projects', { name: 'adjustments_project_id_fkey' }) projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('text') kind!: Adjustment['kind'];
  /** The plan the adjustment changed: the project's year when it was made. */
  @Column('smallint') planYear!: number;
  @Column('text') reason!: string;
  @Column('text') approverName!: string;
  @Column('date') approvedOn!: string;
  @Column('text', { nullable: true }) documentNumber!: string | null;
  @Column('jsonb') before!: Record<string, unknown>;
  @Column('jsonb') after!: Record<string, unknown>;
  @Column('text') recordedBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) recordedAt!: Date;
}
