import { UnitScopedEntity } from '@congress/persistence';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

// Responsibility letters, roadmaps and schedules (migrations 1764300000310, 1764300000330). The
// projects they belong to are the projects feature's; the foreign keys name that table only.

/** One line of a project's responsibility letter (责任书). */
@Entity('responsibilities')
@Index('responsibilities_project_idx', ['projectId'])
export class ResponsibilityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') @ForeignKey('projects', { name: 'responsibilities_project_id_fkey' }) projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('text') role!: string;
  @Column('text') holderName!: string;
  @Column('uuid', { nullable: true }) holderPersonId!: string | null;
  @Column('text') duty!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

/** A roadmap milestone (路线图节点); the watch marks when its due and overdue events were written. */
@Entity('milestones')
@Index('milestones_project_idx', ['projectId', 'position'])
@Index('milestones_open_due_idx', ['dueDate'], { where: 'done_at IS NULL' })
export class MilestoneEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') @ForeignKey('projects', { name: 'milestones_project_id_fkey' }) projectId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('integer') position!: number;
  @Column('text') title!: string;
  /** YYYY-MM-DD (TypeORM reads a date column as that string). */
  @Column('date') dueDate!: string;
  @Column('timestamptz', { nullable: true }) doneAt!: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) dueNotifiedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) overdueNotifiedAt!: Date | null;
}

/** A dated task of the schedule (施工表), with its own version for concurrent progress reports. */
@Entity('tasks')
@Index('tasks_project_idx', ['projectId', 'startDate'])
@Check('tasks_check', 'due_date >= start_date')
@Check('tasks_weight_check', 'weight > 0')
@Check('tasks_status_check', `status IN ('todo', 'doing', 'done')`)
@Check('tasks_percent_check', 'percent BETWEEN 0 AND 100')
export class TaskEntity extends UnitScopedEntity {
  @Column('uuid') @ForeignKey('projects', { name: 'tasks_project_id_fkey' }) projectId!: string;
  @Column('uuid', { nullable: true }) @ForeignKey('milestones', { name: 'tasks_milestone_id_fkey' }) milestoneId!: string | null;
  @Column('text') title!: string;
  @Column('text') ownerName!: string;
  @Column('uuid', { nullable: true }) ownerPersonId!: string | null;
  @Column('date') startDate!: string;
  @Column('date') dueDate!: string;
  /** numeric: the driver gives a string; read it with Number(). */
  @Column('numeric', { default: 1 }) weight!: string;
  @Column('text', { default: 'todo' }) status!: 'todo' | 'doing' | 'done';
  @Column('smallint', { default: 0 }) percent!: number;
}
