import { ProblemError, UnitRosterChanged, assertAllowed, targetOf, type Actor, type Page, type Person } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitsService } from '../units/units.module.js';
import type { PersonEntity } from './person.entity.js';
import { RosterRepository } from './roster.repository.js';
import { ROSTER_MACHINE, isChairsCouncil, rosterSortOrder } from './roster.rules.js';

type ChangeKind = 'joined' | 'left' | 'updated' | 'imported';

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

/**
 * People and committee rosters. Each roster change, in one transaction: lock the unit, decide with
 * ROSTER_MACHINE, save the person, bump the unit's roster version, write the audit row and put
 * `unit.roster-changed.v1` with the full roster in the outbox.
 */
@Injectable()
export class RosterService {
  constructor(
    @Inject(RosterRepository) private readonly repo: RosterRepository,
    @Inject(UnitsService) private readonly units: UnitsService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async people(code: string, query: { role?: string; limit: number; cursor?: string }): Promise<Page<Person>> {
    await this.units.requireUnit(code);
    return this.repo.page(code, query, toPerson);
  }

  async add(actor: Actor, input: { code: string; name: string; title: string; committeeId?: string | null }): Promise<Person> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const subject = { state: 'none' as const, unitCode: input.code, version: 0 };
      const committeeKnown = input.committeeId ? await this.units.hasCommittee(m, input.code, input.committeeId) : undefined;
      assertAllowed(ROSTER_MACHINE, 'add', actor, subject, { committeeKnown });
      const count = await this.repo.countInUnit(m, input.code);
      const person = this.repo.build(m, {
        id: newId(),
        unitCode: input.code,
        name: input.name,
        roles: ['member'],
        title: input.title,
        chairsCouncil: isChairsCouncil(input.title),
        committeeId: input.committeeId ?? null,
        bodyId: null,
        username: null,
        idpSubject: null,
        onRoster: targetOf(ROSTER_MACHINE, 'add', actor, subject) === 'member',
        sortOrder: rosterSortOrder(input.title, count + 1),
      });
      await this.repo.insert(m, person);
      await recordAudit(m, { actor, unitCode: input.code, action: 'roster.add', entityType: 'person', entityId: person.id, after: toPerson(person) });
      await this.publishRoster(m, actor, input.code, { kind: 'joined', personId: person.id, name: person.name });
      return toPerson(person);
    });
  }

  async update(actor: Actor, input: { code: string; personId: string; title: string; expectedVersion?: number }): Promise<Person> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const before = await this.member(m, input.code, input.personId);
      assertAllowed(ROSTER_MACHINE, 'update', actor, { state: 'member', unitCode: input.code, version: before.version }, { expectedVersion: input.expectedVersion });
      const after = await this.repo.save(m, before, {
        title: input.title,
        chairsCouncil: isChairsCouncil(input.title),
        sortOrder: rosterSortOrder(input.title, before.sortOrder % 10_000),
      });
      await recordAudit(m, { actor, unitCode: input.code, action: 'roster.update', entityType: 'person', entityId: before.id, before: toPerson(before), after: toPerson(after) });
      await this.publishRoster(m, actor, input.code, { kind: 'updated', personId: after.id, name: after.name });
      return toPerson(after);
    });
  }

  async remove(actor: Actor, input: { code: string; personId: string }): Promise<{ removed: true; rosterVersion: number }> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const person = await this.member(m, input.code, input.personId);
      const subject = { state: 'member' as const, unitCode: input.code, version: person.version };
      assertAllowed(ROSTER_MACHINE, 'remove', actor, subject);
      await this.repo.save(m, person, { onRoster: targetOf(ROSTER_MACHINE, 'remove', actor, subject) === 'member', roles: person.roles.filter((r) => r !== 'member') });
      await recordAudit(m, { actor, unitCode: input.code, action: 'roster.remove', entityType: 'person', entityId: person.id, before: toPerson(person) });
      const version = await this.publishRoster(m, actor, input.code, { kind: 'left', personId: person.id, name: person.name });
      return { removed: true as const, rosterVersion: version };
    });
  }

  /**
   * Bumps the roster version and writes the event with the roster as it now stands. Must run
   * in the caller's transaction, after the change.
   */
  async publishRoster(m: EntityManager, actor: Actor, unitCode: string, change: { kind: ChangeKind; personId: string | null; name: string | null }): Promise<number> {
    const version = await this.units.nextRosterVersion(m, unitCode);
    const members = (await this.repo.members(m, unitCode)).map((p) => ({ personId: p.id, name: p.name, title: p.title, chairsCouncil: p.chairsCouncil, subject: p.idpSubject }));
    await this.outbox.add(
      m,
      UnitRosterChanged,
      { unitCode, rosterVersion: version, change, members, changedBy: { subject: actor.subject, username: actor.username } },
      { unitCode },
    );
    return version;
  }

  private async member(m: EntityManager, code: string, personId: string): Promise<PersonEntity> {
    const person = await this.repo.find(m, code, personId);
    if (!person || !person.onRoster) throw ProblemError.notFound(`单位 ${code} 的组成人员名单中没有此人（${personId}）`);
    return person;
  }
}
