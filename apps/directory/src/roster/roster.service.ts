import { BodyLiaisonChanged, ProblemError, SYSTEM_ACTOR, UnitRosterChanged, assertAllowed, targetOf, type Actor, type Page, type Person } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitsService } from '../units/units.module.js';
import type { PersonEntity } from './person.entity.js';
import { PersonChanges } from './person-changes.js';
import { RosterRepository } from './roster.repository.js';
import { LIAISON_MACHINE, ROSTER_MACHINE, generatedUsername, isChairsCouncil, rosterSortOrder } from './roster.rules.js';

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
    @Inject(PersonChanges) private readonly changes: PersonChanges,
  ) {}

  async people(code: string, query: { role?: string; limit: number; cursor?: string }): Promise<Page<Person>> {
    await this.units.requireUnit(code);
    return this.repo.page(code, query, toPerson);
  }

  async add(actor: Actor, input: { code: string; name: string; title: string; committeeId?: string | null; username?: string }): Promise<Person> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const subject = { state: 'none' as const, unitCode: input.code, version: 0 };
      const committeeKnown = input.committeeId ? await this.units.hasCommittee(m, input.code, input.committeeId) : undefined;
      assertAllowed(ROSTER_MACHINE, 'add', actor, subject, { committeeKnown });
      const count = await this.repo.countInUnit(m, input.code);
      const username = await this.usernameFor(m, input.username, 'member', input.code, count + 1);
      const person = this.repo.build(m, {
        id: newId(),
        unitCode: input.code,
        name: input.name,
        roles: ['member'],
        title: input.title,
        chairsCouncil: isChairsCouncil(input.title),
        committeeId: input.committeeId ?? null,
        bodyId: null,
        username,
        idpSubject: null,
        onRoster: targetOf(ROSTER_MACHINE, 'add', actor, subject) === 'member',
        sortOrder: rosterSortOrder(input.title, count + 1),
      });
      await this.repo.insert(m, person);
      await this.changes.changed(m, person);
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
      await this.changes.changed(m, await this.repo.save(m, person, { onRoster: targetOf(ROSTER_MACHINE, 'remove', actor, subject) === 'member', roles: person.roles.filter((r) => r !== 'member') }));
      await recordAudit(m, { actor, unitCode: input.code, action: 'roster.remove', entityType: 'person', entityId: person.id, before: toPerson(person) });
      const version = await this.publishRoster(m, actor, input.code, { kind: 'left', personId: person.id, name: person.name });
      return { removed: true as const, rosterVersion: version };
    });
  }

  /** Names a responsible body's liaison; their account follows (PersonChanges). */
  async addLiaison(actor: Actor, input: { code: string; bodyId: string; name: string; title: string; username?: string }): Promise<Person> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const subject = { state: 'none' as const, unitCode: input.code };
      const bodyKnown = await this.units.hasBody(m, input.code, input.bodyId);
      assertAllowed(LIAISON_MACHINE, 'add', actor, subject, { bodyKnown });
      const count = await this.repo.countInUnit(m, input.code);
      const person = this.repo.build(m, {
        id: newId(),
        unitCode: input.code,
        name: input.name,
        roles: ['body-liaison'],
        title: input.title,
        chairsCouncil: false,
        committeeId: null,
        bodyId: input.bodyId,
        username: await this.usernameFor(m, input.username, 'liaison', input.code, count + 1),
        idpSubject: null,
        onRoster: false,
        sortOrder: 90_000 + count + 1,
      });
      await this.repo.insert(m, person);
      await this.changes.changed(m, person);
      await recordAudit(m, { actor, unitCode: input.code, action: 'liaison.add', entityType: 'person', entityId: person.id, after: toPerson(person) });
      await this.outbox.add(m, BodyLiaisonChanged, { unitCode: input.code, bodyId: input.bodyId, change: 'joined', personId: person.id, name: person.name, changedBy: { subject: actor.subject, username: actor.username } }, { unitCode: input.code });
      return toPerson(person);
    });
  }

  /** Removes a liaison's role (the person stays on record); their account is disabled by the provisioner. */
  async removeLiaison(actor: Actor, input: { code: string; bodyId: string; personId: string }): Promise<{ removed: true }> {
    return this.repo.transaction(async (m) => {
      await this.units.lockForRosterChange(m, input.code);
      const person = await this.repo.find(m, input.code, input.personId);
      if (!person || person.bodyId !== input.bodyId) throw ProblemError.notFound(`该承办单位没有此联络员（${input.personId}）`);
      const state = person.roles.includes('body-liaison') ? ('liaison' as const) : ('former' as const);
      assertAllowed(LIAISON_MACHINE, 'remove', actor, { state, unitCode: input.code });
      await this.changes.changed(m, await this.repo.save(m, person, { roles: person.roles.filter((r) => r !== 'body-liaison') }));
      await recordAudit(m, { actor, unitCode: input.code, action: 'liaison.remove', entityType: 'person', entityId: person.id, before: toPerson(person) });
      await this.outbox.add(m, BodyLiaisonChanged, { unitCode: input.code, bodyId: input.bodyId, change: 'left', personId: person.id, name: person.name, changedBy: { subject: actor.subject, username: actor.username } }, { unitCode: input.code });
      return { removed: true as const };
    });
  }

  // ---- for the accounts feature ----------------------------------------------------------------

  /** Takes the unit's roster lock: a transaction that will record a subject takes it before the person's row, as roster changes do. */
  async lockUnit(m: EntityManager, unitCode: string): Promise<void> {
    await this.units.lockForRosterChange(m, unitCode);
  }

  /** A person of any unit, by id, optionally locked for this transaction. */
  async personById(m: EntityManager, personId: string, lock = false): Promise<PersonEntity | null> {
    return this.repo.findById(m, personId, lock);
  }

  /** The person linked to the account `subject`, if any. */
  async personBySubject(m: EntityManager, subject: string): Promise<PersonEntity | null> {
    return this.repo.findBySubject(m, subject);
  }

  /** Gives the person the login `username` (409 when another person has it). */
  async setUsername(m: EntityManager, person: PersonEntity, username: string): Promise<PersonEntity> {
    if (person.username === username) return person;
    await this.requireFreeUsername(m, username, person.id);
    return this.repo.save(m, person, { username });
  }

  /** The person's login, made (and saved) when they have none. */
  async ensureUsername(m: EntityManager, person: PersonEntity): Promise<PersonEntity> {
    if (person.username) return person;
    const kind = person.roles.includes('member') ? 'member' : 'liaison';
    const username = await this.usernameFor(m, undefined, kind, person.unitCode, await this.repo.countInUnit(m, person.unitCode));
    return this.repo.save(m, person, { username });
  }

  /**
   * Records the `sub` of the person's account (null: no account linked). A member's subject is on
   * the roster event, so voting knows who casts a ballot: the roster is published again. The caller
   * holds the unit's lock (lockUnit) and the person's row.
   */
  async recordSubject(m: EntityManager, person: PersonEntity, subject: string | null): Promise<void> {
    if (person.idpSubject === subject) return;
    const after = await this.repo.save(m, person, { idpSubject: subject });
    if (after.onRoster) {
      await this.publishRoster(m, SYSTEM_ACTOR, after.unitCode, { kind: 'updated', personId: after.id, name: after.name });
    }
  }

  /** The login asked for (refused when taken), or one made from the unit code and the next free sequence. */
  private async usernameFor(m: EntityManager, asked: string | undefined, kind: 'member' | 'liaison', unitCode: string, sequence: number): Promise<string> {
    if (asked) {
      await this.requireFreeUsername(m, asked);
      return asked;
    }
    for (let n = sequence; ; n++) {
      const candidate = generatedUsername(kind, unitCode, n);
      if (!(await this.repo.usernameTaken(m, candidate))) return candidate;
    }
  }

  private async requireFreeUsername(m: EntityManager, username: string, self?: string): Promise<void> {
    const holder = await this.repo.usernameTaken(m, username);
    if (holder && holder.id !== self) {
      throw ProblemError.of('conflict', `登录名 ${username} 已被 ${holder.name} 使用`, [{ field: 'body.username', rule: 'username_taken', message: '登录名已被使用' }]);
    }
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
