import {
  ProblemError,
  decodeCursor,
  encodeCursor,
  type Body,
  type Committee,
  type Page,
  type Person,
  type Unit,
} from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { PersonEntity } from '../roster/person.entity.js';
import { BodyEntity, CommitteeEntity, UnitEntity } from './unit.entity.js';

export const toUnit = (u: UnitEntity): Unit => ({ code: u.code, name: u.name, region: u.region, level: u.level, parentCode: u.parentCode });
export const toCommittee = (c: CommitteeEntity): Committee => ({ id: c.id, unitCode: c.unitCode, name: c.name, shortName: c.shortName, kind: c.kind });
export const toBody = (b: BodyEntity): Body => ({ id: b.id, unitCode: b.unitCode, name: b.name, shortName: b.shortName, kind: b.kind, parentBodyId: b.parentBodyId });
export const toPerson = (p: PersonEntity): Person => ({
  id: p.id,
  unitCode: p.unitCode,
  name: p.name,
  roles: p.roles as Person['roles'],
  title: p.title,
  chairsCouncil: p.chairsCouncil,
  committeeId: p.committeeId,
  bodyId: p.bodyId,
  username: p.username,
  onRoster: p.onRoster,
});

/** Keyset pagination over (sort_order, id): stable under inserts, cheap at any depth. */
async function pageBy<E extends ObjectLiteral & { id: string; sortOrder: number }, T>(
  qb: SelectQueryBuilder<E>,
  limit: number,
  cursor: string | undefined,
  map: (e: E) => T,
): Promise<Page<T>> {
  const after = decodeCursor(cursor);
  if (cursor && (!after || after.length !== 2 || typeof after[0] !== 'number' || typeof after[1] !== 'string')) {
    throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
  }
  if (after) qb.andWhere(`(${qb.alias}.sort_order, ${qb.alias}.id) > (:so, :id)`, { so: after[0], id: after[1] });
  const rows = await qb.orderBy(`${qb.alias}.sort_order`, 'ASC').addOrderBy(`${qb.alias}.id`, 'ASC').limit(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor([last.sortOrder, last.id]) : null };
}

@Injectable()
export class UnitsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  // The unit queries are the hottest of the platform (every gateway scope check leans on them):
  // plain SQL, no entity hydration.
  private static readonly UNIT_COLUMNS = `code, name, region, level, parent_code AS "parentCode"`;

  async list(): Promise<Unit[]> {
    return this.db.query(`SELECT ${UnitsService.UNIT_COLUMNS} FROM units ORDER BY code`);
  }

  async get(code: string): Promise<Unit> {
    const [unit] = await this.db.query(`SELECT ${UnitsService.UNIT_COLUMNS} FROM units WHERE code = $1`, [code]);
    if (!unit) throw ProblemError.notFound(`单位 ${code} 不存在`);
    return unit;
  }

  async requireUnit(code: string): Promise<UnitEntity> {
    const unit = await this.db.getRepository(UnitEntity).findOneBy({ code });
    if (!unit) throw ProblemError.notFound(`单位 ${code} 不存在`);
    return unit;
  }

  async people(code: string, query: { role?: string; limit: number; cursor?: string }): Promise<Page<Person>> {
    await this.requireUnit(code);
    const qb = this.db.getRepository(PersonEntity).createQueryBuilder('p').where('p.unit_code = :code', { code });
    if (query.role) qb.andWhere(':role = ANY (p.roles)', { role: query.role });
    return pageBy(qb, query.limit, query.cursor, toPerson);
  }

  async bodies(code: string, query: { limit: number; cursor?: string }): Promise<Page<Body>> {
    await this.requireUnit(code);
    const qb = this.db.getRepository(BodyEntity).createQueryBuilder('b').where('b.unit_code = :code', { code });
    return pageBy(qb, query.limit, query.cursor, toBody);
  }

  async committees(code: string, query: { limit: number; cursor?: string }): Promise<Page<Committee>> {
    await this.requireUnit(code);
    const qb = this.db.getRepository(CommitteeEntity).createQueryBuilder('c').where('c.unit_code = :code', { code });
    return pageBy(qb, query.limit, query.cursor, toCommittee);
  }
}
