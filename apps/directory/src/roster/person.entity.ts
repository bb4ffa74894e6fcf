import { UnitScopedEntity } from '@congress/persistence';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';

/**
 * A person of a unit: office staff, committee members (on its roster), deputies, liaisons of its
 * bodies. The relations name the units feature's entities by name, not by import (a feature uses
 * another only through its module).
 */
@Entity('people')
@Unique('people_username_key', ['username'])
@Unique('people_idp_subject_key', ['idpSubject'])
@Index('people_unit_idx', ['unitCode', 'sortOrder', 'id'])
@Index('people_roles_idx', ['roles'], { type: 'gin' })
export class PersonEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text') title!: string;
  @Column({ type: 'boolean', default: false }) chairsCouncil!: boolean;
  @Column({ type: 'uuid', nullable: true }) committeeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) bodyId!: string | null;
  @Column({ type: 'text', nullable: true }) username!: string | null;
  /** The `sub` of the person's identity-provider account. */
  @Column({ type: 'text', nullable: true }) idpSubject!: string | null;
  @Column({ type: 'boolean', default: false }) onRoster!: boolean;
  @Column({ type: 'int', default: 0 }) sortOrder!: number;

  @ManyToOne('UnitEntity')
  @JoinColumn({ name: 'unit_code', referencedColumnName: 'code', foreignKeyConstraintName: 'people_unit_code_fkey' })
  unit?: { code: string };

  @ManyToOne('CommitteeEntity')
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'people_committee_id_fkey' })
  committee?: { id: string };

  @ManyToOne('BodyEntity')
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'people_body_id_fkey' })
  body?: { id: string };
}
