import { ProblemError, UnitRosterChanged, type Actor, type Person } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PersonEntity } from './person.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { toPerson } from '../units/units.service.js';
import { isChairsCouncil, rosterSortOrder } from './roster.rules.js';

type ChangeKind = 'joined' | 'left' | 'updated' | 'imported';

/**
 * Roster changes: each one, in one transaction, bumps the unit's roster version, writes the
 * audit row and puts `unit.roster-changed.v1` with the full roster in the outbox.
 */
@Injectable()
export class RosterService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async add(actor: Actor, input: { code: string; name: string; title: string; committeeId?: string | null }): Promise<Person> {
    this.assertOwnUnit(actor, input.code);
    return this.db.transaction(async (m) => {
      const unit = await this.lockUnit(m, input.code);
      const count = await m.getRepository(PersonEntity).countBy({ unitCode: unit.code });
      const person = m.getRepository(PersonEntity).create({
        id: newId(),
        unitCode: unit.code,
        name: input.name,
        roles: ['member'],
        title: input.title,
        chairsCouncil: isChairsCouncil(input.title),
        committeeId: input.committeeId ?? null,
        bodyId: null,
        username: null,
        idpSubject: null,
        onRoster: true,
        sortOrder: rosterSortOrder(input.title, count + 1),
      });
      if (person.committeeId) await this.assertCommitteeOfUnit(m, person.committeeId, unit.code);
      await m.getRepository(PersonEntity).insert(person);
      await recordAudit(m, { actor, unitCode: unit.code, action: 'roster.add', entityType: 'person', entityId: person.id, after: toPerson(person) });
      await this.publishRoster(m, actor, unit.code, { kind: 'joined', personId: person.id, name: person.name });
      return toPerson(person);
    });
  }

  async update(actor: Actor, input: { code: string; personId: string; title: string; expectedVersion?: number }): Promise<Person> {
    this.assertOwnUnit(actor, input.code);
    return this.db.transaction(async (m) => {
      await this.lockUnit(m, input.code);
      const before = await this.requireMember(m, input.code, input.personId);
      if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) {
        throw ProblemError.conflict(`该人员信息已被他人修改（当前版本 ${before.version}），请刷新后重试`);
      }
      const after = m.getRepository(PersonEntity).merge(m.getRepository(PersonEntity).create(before), {
        title: input.title,
        chairsCouncil: isChairsCouncil(input.title),
        sortOrder: rosterSortOrder(input.title, before.sortOrder % 10_000),
      });
      await m.getRepository(PersonEntity).save(after);
      await recordAudit(m, { actor, unitCode: input.code, action: 'roster.update', entityType: 'person', entityId: before.id, before: toPerson(before), after: toPerson(after) });
      await this.publishRoster(m, actor, input.code, { kind: 'updated', personId: after.id, name: after.name });
      return toPerson(after);
    });
  }

  async remove(actor: Actor, input: { code: string; personId: string }): Promise<{ removed: true; rosterVersion: number }> {
    this.assertOwnUnit(actor, input.code);
    return this.db.transaction(async (m) => {
      await this.lockUnit(m, input.code);
      const person = await this.requireMember(m, input.code, input.personId);
      await m.getRepository(PersonEntity).update({ id: person.id }, { onRoster: false, roles: person.roles.filter((r) => r !== 'member') });
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
    const [[{ roster_version: version }]] = await m.query(`UPDATE units SET roster_version = roster_version + 1 WHERE code = $1 RETURNING roster_version`, [unitCode]);
    const members = (
      await m.getRepository(PersonEntity).find({ where: { unitCode, onRoster: true }, order: { sortOrder: 'ASC', id: 'ASC' } })
    ).map((p) => ({ personId: p.id, name: p.name, title: p.title, chairsCouncil: p.chairsCouncil, subject: p.idpSubject }));
    await this.outbox.add(
      m,
      UnitRosterChanged,
      { unitCode, rosterVersion: version, change, members, changedBy: { subject: actor.subject, username: actor.username } },
      { unitCode },
    );
    return version;
  }

  private assertOwnUnit(actor: Actor, code: string): void {
    // The gateway enforces this already; the service checks again so no other caller can bypass it.
    if (actor.subject !== 'system' && actor.unitCode !== code) throw ProblemError.forbidden(`只能修改本单位（${actor.unitCode ?? '无'}）的名单`);
  }

  private async lockUnit(m: EntityManager, code: string): Promise<UnitEntity> {
    const unit = await m.getRepository(UnitEntity).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!unit) throw ProblemError.notFound(`单位 ${code} 不存在`);
    return unit;
  }

  private async requireMember(m: EntityManager, code: string, personId: string): Promise<PersonEntity> {
    const person = await m.getRepository(PersonEntity).findOneBy({ id: personId, unitCode: code });
    if (!person || !person.onRoster) throw ProblemError.notFound(`单位 ${code} 的组成人员名单中没有此人（${personId}）`);
    return person;
  }

  private async assertCommitteeOfUnit(m: EntityManager, committeeId: string, code: string): Promise<void> {
    const [row] = await m.query(`SELECT 1 FROM committees WHERE id = $1 AND unit_code = $2`, [committeeId, code]);
    if (!row) throw ProblemError.validation([{ field: 'body.committeeId', rule: 'unknown_committee', message: '本单位没有这个委员会' }]);
  }
}
