import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { newId } from './base.entity.js';

export interface AuditActor {
  subject: string;
  username?: string;
  unitCode?: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** The unit the changed thing belongs to. */
  unitCode: string | null;
  /** What happened, e.g. `roster.add`, `access.denied`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
  traceId?: string;
}

/**
 * Writes one audit row. Call it with the transaction's manager, in the same transaction as the
 * change it describes, so there is never a change without its record or a record without its change.
 */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (id, at, actor_subject, actor_username, actor_unit_code, unit_code, action, entity_type, entity_id, before, after, request_id, trace_id)
     VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      newId(),
      entry.actor.subject,
      entry.actor.username ?? null,
      entry.actor.unitCode ?? null,
      entry.unitCode,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.requestId ?? null,
      entry.traceId ?? null,
    ],
  );
}

/** The audit table, created in every service's schema by its first migration. */
export class AuditLogTable1764300000001 implements MigrationInterface {
  name = 'AuditLogTable1764300000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_subject text NOT NULL,
      actor_username text,
      actor_unit_code char(6),
      unit_code char(6),
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      request_id text,
      trace_id text
    )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_unit_idx ON audit_log (unit_code, at)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
