import { UnitRosterChanged, type EventEnvelope, type PayloadOf } from '@congress/contracts';
import { RejectedEvent } from '@congress/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RosterCopyRepository, type CopiedMember } from './roster-copy.repository.js';
import { shouldApply } from './roster-copy.rules.js';

/** Keeps voting's copy of each roster; evaluations freeze their roster from it (issue 5). */
@Injectable()
export class RosterCopyService {
  constructor(@Inject(RosterCopyRepository) private readonly repo: RosterCopyRepository) {}

  /**
   * Applies one `unit.roster-changed.v1` in the inbox's transaction: recorded always, applied only
   * if newer. The roster it replaces must be of the event's own unit: one whose envelope names
   * another unit changes nothing and goes to the dead letters (a roster decides who may vote).
   */
  async apply(envelope: Pick<EventEnvelope, 'id' | 'unitCode'>, payload: PayloadOf<typeof UnitRosterChanged>, m: EntityManager): Promise<void> {
    if (envelope.unitCode !== payload.unitCode) throw new RejectedEvent(`名单事件属于单位 ${envelope.unitCode ?? '（无）'}，却要替换单位 ${payload.unitCode} 的组成人员名单`);
    const eventId = envelope.id;
    const held = await this.repo.lockVersion(m, payload.unitCode);
    const apply = shouldApply(held, payload.rosterVersion);
    await this.repo.recordChange(m, { eventId, unitCode: payload.unitCode, rosterVersion: payload.rosterVersion, kind: payload.change.kind, personId: payload.change.personId, applied: apply });
    if (!apply) return;
    const members = payload.members.map((x, i) => ({ personId: x.personId, name: x.name, title: x.title, chairsCouncil: x.chairsCouncil, position: i + 1, subject: x.subject }));
    await this.repo.replace(m, payload.unitCode, payload.rosterVersion, members);
    await this.repo.relinkFrozen(m, payload.unitCode, members);
  }

  /** The unit's roster as voting holds it now, or null before the first roster event arrived. */
  async current(unitCode: string, m?: EntityManager): Promise<{ rosterVersion: number; members: CopiedMember[] } | null> {
    return this.repo.current(unitCode, m);
  }
}
