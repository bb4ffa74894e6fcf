import { UnitRosterChanged, type EventEnvelope, type PayloadOf } from '@congress/contracts';
import { HandleEvent } from '@congress/service-kit';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { shouldApply } from './roster-copy.rules.js';

type RosterChanged = PayloadOf<typeof UnitRosterChanged>;

/** Keeps voting's copy of each roster; evaluations freeze their roster from it (issue 5). */
@Injectable()
export class RosterCopyHandlers {
  @HandleEvent(UnitRosterChanged)
  async onRosterChanged(payload: RosterChanged, envelope: EventEnvelope<RosterChanged>, m: EntityManager): Promise<void> {
    const [held] = await m.query(`SELECT roster_version FROM unit_rosters WHERE unit_code = $1 FOR UPDATE`, [payload.unitCode]);
    const apply = shouldApply(held?.roster_version, payload.rosterVersion);
    await m.query(`INSERT INTO roster_changes (event_id, unit_code, roster_version, kind, person_id, applied) VALUES ($1, $2, $3, $4, $5, $6)`, [
      envelope.id,
      payload.unitCode,
      payload.rosterVersion,
      payload.change.kind,
      payload.change.personId,
      apply,
    ]);
    if (!apply) return;
    await m.query(
      `INSERT INTO unit_rosters (unit_code, roster_version, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (unit_code) DO UPDATE SET roster_version = EXCLUDED.roster_version, updated_at = now()`,
      [payload.unitCode, payload.rosterVersion],
    );
    await m.query(`DELETE FROM roster_members WHERE unit_code = $1`, [payload.unitCode]);
    if (payload.members.length === 0) return;
    await m.query(
      `INSERT INTO roster_members (unit_code, person_id, name, title, chairs_council, position, subject)
       SELECT $1, m.person_id, m.name, m.title, m.chairs_council, m.position, m.subject
       FROM jsonb_to_recordset($2::jsonb) AS m(person_id uuid, name text, title text, chairs_council boolean, position integer, subject text)`,
      [payload.unitCode, JSON.stringify(payload.members.map((x, i) => ({ person_id: x.personId, name: x.name, title: x.title, chairs_council: x.chairsCouncil, position: i + 1, subject: x.subject })))],
    );
  }
}
