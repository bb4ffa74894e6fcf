import type { Approval, ProjectCategory, ProjectInput, ProjectStage } from '@congress/contracts';
import { UnitScopedEntity } from '@congress/persistence';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A supervision project (migration 1764300000300). */
@Entity('projects')
@Index('projects_unit_year_idx', ['unitCode', 'year', 'stage', 'id'])
@Index('projects_unit_id_idx', ['unitCode', 'id'])
@Check('projects_stage_check', `stage IN ('reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn')`)
export class ProjectEntity extends UnitScopedEntity {
  @Column('smallint') year!: number;
  @Column('text') title!: string;
  @Column('text') category!: ProjectCategory;
  @Column('text', { array: true }) sources!: ProjectInput['sources'];
  @Column('uuid', { array: true, default: () => "'{}'" }) supervisedBodyIds!: string[];
  @Column('uuid', { nullable: true }) leadCommitteeId!: string | null;
  @Column('uuid', { nullable: true }) leaderPersonId!: string | null;
  @Column('uuid', { array: true, default: () => "'{}'" }) leadSpeakerIds!: string[];
  @Column('uuid', { nullable: true }) ownerPersonId!: string | null;
  @Column('text', { nullable: true }) plannedSession!: string | null;
  @Column('text', { default: '' }) summary!: string;
  @Column('text', { array: true, default: () => "'{}'" }) tags!: string[];
  @Column('text') stage!: ProjectStage;
  @Column('jsonb', { nullable: true }) approval!: Approval | null;
}

/** Every stage move of a project, with who made it and why (migrations 1764300000300, 1764300000340). */
@Entity('project_stage_history')
@Index('project_stage_history_project_idx', ['projectId', 'at'])
export class ProjectStageHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') @ForeignKey('projects', { name: 'project_stage_history_project_id_fkey' }) projectId!: string;
  @Column('text') fromStage!: ProjectStage;
  @Column('text') toStage!: ProjectStage;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('jsonb', { nullable: true }) approval!: Approval | null;
  @Column('text') actorSubject!: string;
  @Column('text', { nullable: true }) actorUsername!: string | null;
  /** The mover's name as people know it (rows from before migration 1764300000340 have only the login). */
  @Column('text', { nullable: true }) actorName!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}
