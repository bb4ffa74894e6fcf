import { BaseEntity, UnitScopedEntity } from '@congress/persistence';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';

@Entity('units')
@Unique('units_code_key', ['code'])
@Index('units_parent_idx', ['parentCode'])
@Check('units_level_check', `level IN ('province', 'city', 'county')`)
export class UnitEntity extends BaseEntity {
  @Column({ type: 'char', length: 6 }) code!: string;
  @Column('text') name!: string;
  @Column('text') region!: string;
  @Column('text') level!: 'province' | 'city' | 'county';
  @Column({ type: 'char', length: 6, nullable: true }) parentCode!: string | null;
  /** Bumped on every roster change; carried by unit.roster-changed.v1 so read copies can order them. */
  @Column({ type: 'int', default: 0 }) rosterVersion!: number;

  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'parent_code', referencedColumnName: 'code', foreignKeyConstraintName: 'units_parent_code_fkey' })
  parent?: UnitEntity;
}

@Entity('committees')
@Index('committees_unit_idx', ['unitCode', 'sortOrder', 'id'])
@Check('committees_kind_check', `kind IN ('special', 'working', 'office')`)
export class CommitteeEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text') shortName!: string;
  @Column('text') kind!: 'special' | 'working' | 'office';
  @Column({ type: 'int', default: 0 }) sortOrder!: number;

  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_code', referencedColumnName: 'code', foreignKeyConstraintName: 'committees_unit_code_fkey' })
  unit?: UnitEntity;
}

@Entity('bodies')
@Index('bodies_unit_idx', ['unitCode', 'sortOrder', 'id'])
@Check('bodies_kind_check', `kind IN ('government', 'supervisory-commission', 'court', 'procuratorate', 'department')`)
export class BodyEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text') shortName!: string;
  @Column('text') kind!: 'government' | 'supervisory-commission' | 'court' | 'procuratorate' | 'department';
  @Column({ type: 'uuid', nullable: true }) parentBodyId!: string | null;
  @Column({ type: 'int', default: 0 }) sortOrder!: number;

  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_code', referencedColumnName: 'code', foreignKeyConstraintName: 'bodies_unit_code_fkey' })
  unit?: UnitEntity;

  @ManyToOne(() => BodyEntity)
  @JoinColumn({ name: 'parent_body_id', foreignKeyConstraintName: 'bodies_parent_body_id_fkey' })
  parentBody?: BodyEntity;
}

export const UNIT_ENTITIES = [UnitEntity, CommitteeEntity, BodyEntity];
