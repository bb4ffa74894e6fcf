import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A research finding (调研发现): a problem found in field work, before any opinion lists it. */
@Entity('findings')
@Index('findings_project_idx', ['projectId', 'id'])
export class FindingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('smallint') year!: number;
  @Column('text') description!: string;
  @Column({ type: 'text', default: '' }) place!: string;
  @Column({ type: 'text', default: '' }) category!: string;
  @Column({ type: 'uuid', nullable: true }) suggestedBodyId!: string | null;
  @Column('text') recordedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
