import { BaseEntity, UnitScopedEntity } from '@congress/persistence';
import { Column, Entity } from 'typeorm';

@Entity('units')
export class UnitEntity extends BaseEntity {
  @Column({ type: 'char', length: 6, unique: true }) code!: string;
  @Column('text') name!: string;
  @Column('text') region!: string;
  @Column('text') level!: 'province' | 'city' | 'county';
  @Column({ type: 'char', length: 6, nullable: true }) parentCode!: string | null;
  /** Bumped on every roster change; carried by unit.roster-changed.v1 so read copies can order them. */
  @Column('int') rosterVersion!: number;
}

@Entity('committees')
export class CommitteeEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text') shortName!: string;
  @Column('text') kind!: 'special' | 'working' | 'office';
  @Column('int') sortOrder!: number;
}

@Entity('bodies')
export class BodyEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text') shortName!: string;
  @Column('text') kind!: 'government' | 'supervisory-commission' | 'court' | 'procuratorate' | 'department';
  @Column({ type: 'uuid', nullable: true }) parentBodyId!: string | null;
  @Column('int') sortOrder!: number;
}

@Entity('people')
export class PersonEntity extends UnitScopedEntity {
  @Column('text') name!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text') title!: string;
  @Column('boolean') chairsCouncil!: boolean;
  @Column({ type: 'uuid', nullable: true }) committeeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) bodyId!: string | null;
  @Column({ type: 'text', nullable: true }) username!: string | null;
  /** The `sub` of the person's identity-provider account. */
  @Column({ type: 'text', nullable: true }) idpSubject!: string | null;
  @Column('boolean') onRoster!: boolean;
  @Column('int') sortOrder!: number;
}
