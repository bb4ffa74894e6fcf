import { ProblemError, decodeCursor, encodeCursor, type Page } from '@congress/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Keyset pagination over (sort_order, id): stable under inserts, cheap at any depth. For the
 * repositories of this service (units' bodies and committees, roster's people), which build the query.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string; sortOrder: number }, T>(
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
