import type { Body, Committee, Page, Unit } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPage } from '../shared/keyset-page.js';
import { BodyEntity, CommitteeEntity, UnitEntity } from './unit.entity.js';

const toCommittee = (c: CommitteeEntity): Committee => ({ id: c.id, unitCode: c.unitCode, name: c.name, shortName: c.shortName, kind: c.kind });
const toBody = (b: BodyEntity): Body => ({ id: b.id, unitCode: b.unitCode, name: b.name, shortName: b.shortName, kind: b.kind, parentBodyId: b.parentBodyId });

// The unit queries are the hottest of the platform (every gateway scope check leans on them):
// plain SQL, no entity hydration.
const UNIT_COLUMNS = `code, name, region, level, parent_code AS "parentCode"`;

/** Every statement on units, committees and bodies. */
@Injectable()
export class UnitsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(): Promise<Unit[]> {
    return this.db.query(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY code`);
  }

  async get(code: string): Promise<Unit | null> {
    const [unit] = await this.db.query(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = $1`, [code]);
    return unit ?? null;
  }

  async exists(code: string): Promise<boolean> {
    return this.db.manager.existsBy(UnitEntity, { code });
  }

  /** The unit, locked until the transaction ends: roster changes of one unit take turns. */
  async lock(m: EntityManager, code: string): Promise<UnitEntity | null> {
    return m.findOne(UnitEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  /** Bumps the unit's roster version in one statement and returns the new one. */
  async bumpRosterVersion(m: EntityManager, code: string): Promise<number> {
    const [[{ roster_version: version }]] = await m.query(`UPDATE units SET roster_version = roster_version + 1 WHERE code = $1 RETURNING roster_version`, [code]);
    return version;
  }

  async hasCommittee(m: EntityManager, code: string, committeeId: string): Promise<boolean> {
    return m.existsBy(CommitteeEntity, { id: committeeId, unitCode: code });
  }

  async hasBody(m: EntityManager, code: string, bodyId: string): Promise<boolean> {
    return m.existsBy(BodyEntity, { id: bodyId, unitCode: code });
  }

  async bodies(code: string, query: { limit: number; cursor?: string }): Promise<Page<Body>> {
    const qb = this.db.getRepository(BodyEntity).createQueryBuilder('b').where('b.unit_code = :code', { code });
    return keysetPage(qb, query.limit, query.cursor, toBody);
  }

  async committees(code: string, query: { limit: number; cursor?: string }): Promise<Page<Committee>> {
    const qb = this.db.getRepository(CommitteeEntity).createQueryBuilder('c').where('c.unit_code = :code', { code });
    return keysetPage(qb, query.limit, query.cursor, toCommittee);
  }
}
