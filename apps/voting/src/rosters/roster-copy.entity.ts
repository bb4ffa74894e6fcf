import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Voting's copy of one unit's committee roster: the version it last applied. */
@Entity('unit_rosters')
export class UnitRosterEntity {
  @PrimaryColumn({ type: 'char', length: 6, primaryKeyConstraintName: 'unit_rosters_pkey' }) unitCode!: string;
  @Column('int') rosterVersion!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** One member of a unit's roster as the latest applied `unit.roster-changed.v1` listed them. */
@Entity('roster_members')
export class RosterMemberEntity {
  @PrimaryColumn({ type: 'char', length: 6, primaryKeyConstraintName: 'roster_members_pkey' }) unitCode!: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'roster_members_pkey' }) personId!: string;
  @Column('text') name!: string;
  @Column('text') title!: string;
  @Column('boolean') chairsCouncil!: boolean;
  @Column('int') position!: number;
  /** The member's login at the identity provider, so a ballot is cast by the member signed in. */
  @Column({ type: 'text', nullable: true }) subject!: string | null;

  @ManyToOne(() => UnitRosterEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'unit_code', referencedColumnName: 'unitCode', foreignKeyConstraintName: 'roster_members_unit_code_fkey' })
  unitRoster?: UnitRosterEntity;
}

/** Every roster event received, applied or not (a late or replayed one is recorded and ignored). */
@Entity('roster_changes')
@Index('roster_changes_unit_idx', ['unitCode', 'rosterVersion'])
export class RosterChangeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'roster_changes_pkey' }) eventId!: string;
  @Column({ type: 'char', length: 6 }) unitCode!: string;
  @Column('int') rosterVersion!: number;
  @Column('text') kind!: string;
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  @Column('boolean') applied!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
export const ROSTER_COPY_ENTITIES = [UnitRosterEntity, RosterMemberEntity, RosterChangeEntity];
