import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RosterChangeEntity, RosterMemberEntity, UnitRosterEntity } from './roster-copy.entity.js';

/** A member of the copy, as an evaluation freezes it. */
export interface CopiedMember {
  personId: string;
  subject: string | null;
  name: string;
  title: string;
  chairsCouncil: boolean;
  position: number;
}

/** Every statement on voting's copy of the rosters (unit_rosters, roster_members, roster_changes). */
@Injectable()
export class RosterCopyRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The version held for a unit, locked until the transaction ends (events of one unit apply one at a time). */
  async lockVersion(m: EntityManager, unitCode: string): Promise<number | undefined> {
    const held = await m.findOne(UnitRosterEntity, { where: { unitCode }, lock: { mode: 'pessimistic_write' } });
    return held?.rosterVersion;
  }

  async recordChange(m: EntityManager, change: Omit<RosterChangeEntity, 'receivedAt'>): Promise<void> {
    await m.insert(RosterChangeEntity, change);
  }

  /** Replaces a unit's copy with the roster of an event, under its version. */
  async replace(m: EntityManager, unitCode: string, rosterVersion: number, members: readonly CopiedMember[]): Promise<void> {
    await m.upsert(UnitRosterEntity, { unitCode, rosterVersion, updatedAt: new Date() }, ['unitCode']);
    await m.delete(RosterMemberEntity, { unitCode });
    if (members.length) await m.insert(RosterMemberEntity, members.map((x) => ({ unitCode, ...x })));
  }

  /**
   * Who a member signs in as follows the directory even on frozen rosters: the evaluations of the
   * unit not yet closed take each member's current `sub` (a member whose account was linked after
   * the evaluation was organised can vote; one whose account was unlinked can no longer). Who is on
   * a frozen roster does not change. Returns how many entries changed.
   */
  async relinkFrozen(m: EntityManager, unitCode: string, members: readonly { personId: string; subject: string | null }[]): Promise<number> {
    if (!members.length) return 0;
    const [, changed]: [unknown, number] = await m.query(
      `UPDATE evaluation_roster r SET subject = x.subject
       FROM evaluations e, unnest($2::uuid[], $3::text[]) AS x(person_id, subject)
       WHERE e.id = r.evaluation_id AND e.unit_code = $1 AND e.status IN ('draft', 'open', 'postponed')
         AND r.person_id = x.person_id AND r.subject IS DISTINCT FROM x.subject`,
      [unitCode, members.map((x) => x.personId), members.map((x) => x.subject)],
    );
    return changed;
  }

  /** The unit's roster as held now (null: none received yet), in roster order. */
  async current(unitCode: string, m: EntityManager = this.db.manager): Promise<{ rosterVersion: number; members: CopiedMember[] } | null> {
    const held = await m.findOneBy(UnitRosterEntity, { unitCode });
    if (!held) return null;
    const rows = await m.find(RosterMemberEntity, { where: { unitCode }, order: { position: 'ASC', personId: 'ASC' } });
    return {
      rosterVersion: held.rosterVersion,
      members: rows.map((r) => ({ personId: r.personId, subject: r.subject, name: r.name, title: r.title, chairsCouncil: r.chairsCouncil, position: r.position })),
    };
  }
}
