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
