import type { Page } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPage } from '../shared/keyset-page.js';
import { PersonEntity } from './person.entity.js';

/** Every statement on people (the roster is the people of a unit with `on_roster`). */
@Injectable()
export class RosterRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async countInUnit(m: EntityManager, unitCode: string): Promise<number> {
    return m.countBy(PersonEntity, { unitCode });
  }

  /** A new person, not saved: the entity's defaults and version filled as the table would. */
  build(m: EntityManager, fields: Omit<PersonEntity, 'createdAt' | 'updatedAt' | 'version'>): PersonEntity {
    return m.create(PersonEntity, fields);
  }

  async insert(m: EntityManager, person: PersonEntity): Promise<void> {
    await m.insert(PersonEntity, person);
  }

  async find(m: EntityManager, unitCode: string, personId: string): Promise<PersonEntity | null> {
    return m.findOneBy(PersonEntity, { id: personId, unitCode });
  }

  /** A person of any unit, by id (for the accounts feature, which checks the unit itself). */
  async findById(m: EntityManager, personId: string, lock = false): Promise<PersonEntity | null> {
    return m.findOne(PersonEntity, { where: { id: personId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async findBySubject(m: EntityManager, idpSubject: string): Promise<PersonEntity | null> {
    return m.findOneBy(PersonEntity, { idpSubject });
  }

  async usernameTaken(m: EntityManager, username: string): Promise<{ id: string; name: string } | null> {
    return m.findOne(PersonEntity, { where: { username }, select: { id: true, name: true } });
  }

  /** Saves a changed person (the version column goes up by one). */
  async save(m: EntityManager, person: PersonEntity, change: Partial<Pick<PersonEntity, 'title' | 'chairsCouncil' | 'sortOrder' | 'onRoster' | 'roles' | 'username' | 'idpSubject'>>): Promise<PersonEntity> {
    return m.save(PersonEntity, m.merge(PersonEntity, m.create(PersonEntity, person), change));
  }

  /** The unit's roster now, in roster order. */
  async members(m: EntityManager, unitCode: string): Promise<PersonEntity[]> {
    return m.find(PersonEntity, { where: { unitCode, onRoster: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  async page<T>(unitCode: string, query: { role?: string; limit: number; cursor?: string }, map: (p: PersonEntity) => T): Promise<Page<T>> {
    const qb = this.db.getRepository(PersonEntity).createQueryBuilder('p').where('p.unit_code = :code', { code: unitCode });
    if (query.role) qb.andWhere(':role = ANY (p.roles)', { role: query.role });
    return keysetPage(qb, query.limit, query.cursor, map);
  }
}
