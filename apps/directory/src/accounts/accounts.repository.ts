import { ProblemError, decodeCursor, encodeCursor, type Page, type PersonAccount } from '@congress/contracts';

/** An account as the repository reads it: the caller adds what the caller may do with it. */
export type StoredAccount = Omit<PersonAccount, 'allowedActions'>;
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** A person and their account row, as the list reads them. */
interface AccountRow {
  id: string;
  unit_code: string;
  name: string;
  roles: string[];
  title: string;
  body_id: string | null;
  username: string | null;
  idp_subject: string | null;
  sort_order: number;
  state: string | null;
  attempts: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  password_issued_at: Date | null;
  version: number | null;
  updated_at: Date;
}

const toPersonAccount = (r: AccountRow): StoredAccount => ({
  personId: r.id,
  unitCode: r.unit_code,
  name: r.name,
  roles: r.roles as PersonAccount['roles'],
  title: r.title,
  bodyId: r.body_id,
  username: r.username,
  // No row but a subject: linked before provisioning existed (the demo seed, an account made by hand).
  state: (r.state as PersonAccount['state']) ?? (r.idp_subject ? 'linked' : null),
  hasAccount: r.idp_subject !== null && (r.state ?? 'linked') === 'linked',
  attempts: r.attempts ?? 0,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
  passwordIssuedAt: r.password_issued_at?.toISOString() ?? null,
  version: r.version ?? 0,
  updatedAt: r.updated_at.toISOString(),
});

/** Every statement on accounts; the list reads people beside them (one schema, one service). */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async find(m: EntityManager, personId: string, lock = false): Promise<AccountEntity | null> {
    return m.findOne(AccountEntity, { where: { id: personId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(m: EntityManager, fields: Pick<AccountEntity, 'id' | 'unitCode' | 'state' | 'wanted' | 'subject' | 'synced' | 'nextAttemptAt'>): Promise<AccountEntity> {
    const row = m.create(AccountEntity, { retireSubject: null, attempts: 0, lastError: null, passwordIssuedAt: null, ...fields });
    await m.insert(AccountEntity, row);
    return row;
  }

  /** Saves a changed account (the version goes up by one). */
  async save(m: EntityManager, row: AccountEntity, change: Partial<Omit<AccountEntity, 'id' | 'unitCode' | 'createdAt' | 'updatedAt' | 'version'>>): Promise<AccountEntity> {
    return m.save(AccountEntity, m.merge(AccountEntity, m.create(AccountEntity, row), change));
  }

  /**
   * Accounts due for the provisioner, claimed: FOR UPDATE SKIP LOCKED, and pushed `leaseMs` into
   * the future in the same statement, so a replica (or this one after a crash) takes them again
   * only if this attempt never reports back.
   */
  async claimDue(limit: number, leaseMs: number): Promise<{ id: string; version: number }[]> {
    // An UPDATE through TypeORM's query() answers [rows, rowCount].
    const [rows]: [{ id: string; version: number }[], number] = await this.db.query(
      `UPDATE accounts SET next_attempt_at = now() + ($2 || ' milliseconds')::interval
       WHERE id IN (SELECT id FROM accounts WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, version`,
      [limit, String(leaseMs)],
    );
    return rows;
  }

  /** People of the unit with their accounts, in roster order; `missing`: only those who hold a role and cannot sign in. */
  async page(unitCode: string, query: { missing: boolean; limit: number; cursor?: string }): Promise<Page<StoredAccount>> {
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 2 || typeof after[0] !== 'number' || typeof after[1] !== 'string')) {
      throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    }
    const params: unknown[] = [unitCode, query.limit + 1];
    const where = ['p.unit_code = $1'];
    if (query.missing) where.push(`cardinality(p.roles) > 0 AND (p.idp_subject IS NULL OR a.state <> 'linked')`);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(p.sort_order, p.id) > ($3, $4)`);
    }
    const rows: AccountRow[] = await this.db.query(
      `SELECT p.id, p.unit_code, p.name, p.roles, p.title, p.body_id, p.username, p.idp_subject, p.sort_order,
              a.state, a.attempts, a.last_error, a.next_attempt_at, a.password_issued_at, a.version, COALESCE(a.updated_at, p.updated_at) AS updated_at
       FROM people p LEFT JOIN accounts a ON a.id = p.id
       WHERE ${where.join(' AND ')}
       ORDER BY p.sort_order, p.id LIMIT $2`,
      params,
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(toPersonAccount), nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_order, last.id]) : null };
  }

  /** One person with their account, as the list shows it. */
  async one(m: EntityManager, personId: string): Promise<StoredAccount | null> {
    const rows: AccountRow[] = await m.query(
      `SELECT p.id, p.unit_code, p.name, p.roles, p.title, p.body_id, p.username, p.idp_subject, p.sort_order,
              a.state, a.attempts, a.last_error, a.next_attempt_at, a.password_issued_at, a.version, COALESCE(a.updated_at, p.updated_at) AS updated_at
       FROM people p LEFT JOIN accounts a ON a.id = p.id WHERE p.id = $1`,
      [personId],
    );
    return rows[0] ? toPersonAccount(rows[0]) : null;
  }
}
