import { randomInt } from 'node:crypto';
import { ProblemError, SYSTEM_ACTOR, allowedActionsOf, assertAllowed, type Actor, type Page, type PersonAccount } from '@congress/contracts';
import { recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonChanges, RosterService, type PersonChangeListener, type PersonEntity } from '../roster/roster.module.js';
import type { AccountEntity } from './account.entity.js';
import { AccountsRepository, type StoredAccount } from './accounts.repository.js';
import { ACCOUNT_MACHINE, type AccountMachineState, fingerprintOf, initialPassword, retryDelayMs, type DesiredAccount } from './accounts.rules.js';
import { IDENTITY_PROVIDER, isRetryable, type IdentityProvider } from './identity-provider.js';

/** What one attempt at the identity provider came to. */
type Outcome =
  | { kind: 'linked'; subject: string }
  | { kind: 'disabled' }
  | { kind: 'unlinked' }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string };

const NOT_CONFIGURED = '未配置身份认证服务的管理接口（IDP_ADMIN_URL），暂不能开通账号；配置后将自动开通';

const stateOf = (row: AccountEntity | null): AccountMachineState => (row?.state as AccountMachineState | undefined) ?? 'none';

/** The account as the API answers it: with what the caller may do with it now, from ACCOUNT_MACHINE. */
function withActions(actor: Actor, account: StoredAccount): PersonAccount {
  const subject = { state: account.state ?? ('none' as const), unitCode: account.unitCode, holdsRole: account.roles.length > 0 };
  return { ...account, allowedActions: allowedActionsOf(ACCOUNT_MACHINE, actor, subject) };
}

/** What the identity provider should hold for a person: an enabled account while they hold any role. */
export function desiredOf(person: PersonEntity): DesiredAccount {
  return { wanted: person.roles.length > 0, fullName: person.name, unit: person.unitCode, body: person.bodyId, roles: [...person.roles].sort() };
}

/**
 * Sign-in accounts of people at the identity provider (issue 12). Each roster or liaison change
 * marks the person's account due, in its own transaction (`personChanged`: a roster change never
 * waits for the identity provider); the provisioner (AccountsProvisioner) takes due accounts and makes
 * the identity provider agree (`provision`), retrying with backoff until it does; the office links,
 * unlinks, retries and issues initial passwords, decided by ACCOUNT_MACHINE.
 */
@Injectable()
export class AccountsService implements PersonChangeListener, OnModuleInit {
  constructor(
    @Inject(AccountsRepository) private readonly repo: AccountsRepository,
    @Inject(RosterService) private readonly roster: RosterService,
    @Inject(PersonChanges) private readonly changes: PersonChanges,
    @Inject(IDENTITY_PROVIDER) private readonly idp: IdentityProvider | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // ---- reads -------------------------------------------------------------------------------------

  async list(actor: Actor, code: string, query: { missing: boolean; limit: number; cursor?: string }): Promise<Page<PersonAccount>> {
    const page = await this.repo.page(code, query);
    return { ...page, items: page.items.map((account) => withActions(actor, account)) };
  }

  // ---- following the people (in the roster's transactions) ---------------------------------------

  onModuleInit(): void {
    this.changes.listen(this);
  }

  /**
   * Makes the person's account row follow what they are now, in the roster change's transaction:
   * due when something the identity provider holds must change; the provisioner does the rest. A
   * person linked before provisioning existed (the demo seed, an account made by hand) is taken as
   * linked without calling anyone, until they stop holding any role.
   */
  async personChanged(m: EntityManager, person: PersonEntity): Promise<void> {
    const desired = desiredOf(person);
    const row = await this.repo.find(m, person.id, true);
    if (!row) {
      if (person.idpSubject) {
        await this.repo.insert(m, { id: person.id, unitCode: person.unitCode, state: 'linked', wanted: desired.wanted, subject: person.idpSubject, synced: desired.wanted ? fingerprintOf(desired) : null, nextAttemptAt: desired.wanted ? null : new Date() });
      } else if (desired.wanted && person.username) {
        await this.repo.insert(m, { id: person.id, unitCode: person.unitCode, state: 'pending', wanted: true, subject: null, synced: null, nextAttemptAt: new Date() });
      }
      return;
    }
    if (row.state === 'unlinked') {
      if (row.wanted !== desired.wanted) await this.repo.save(m, row, { wanted: desired.wanted });
      return;
    }
    if (row.synced === fingerprintOf(desired) && row.state !== 'failed') return;
    const state = row.subject ? row.state : desired.wanted ? 'pending' : 'disabled';
    await this.repo.save(m, row, { wanted: desired.wanted, state: state === 'failed' ? 'pending' : state, attempts: 0, lastError: null, nextAttemptAt: new Date() });
  }

  // ---- the provisioner ---------------------------------------------------------------------------

  /** Claims up to `limit` due accounts (leased for `leaseMs`) and provisions each; returns how many. */
  async provisionDue(limit: number, leaseMs: number): Promise<number> {
    const due = await this.repo.claimDue(limit, leaseMs);
    for (const { id, version } of due) await this.provision(id, version);
    return due.length;
  }

  /**
   * One attempt for one account: read, ask the identity provider (outside any transaction: it may
   * be slow or down), then record the outcome if nobody changed the account meanwhile (else it is
   * due again at once and the next attempt starts from what is now wanted).
   */
  async provision(personId: string, claimedVersion: number): Promise<void> {
    const [row, person] = await this.repo.transaction(async (m) => [await this.repo.find(m, personId), await this.roster.personById(m, personId)] as const);
    if (!row || !person || row.version !== claimedVersion) return;
    const desired = desiredOf(person);
    let outcome: Outcome;
    try {
      outcome = this.idp ? await this.converge(this.idp, row, person, desired) : { kind: 'retry', error: NOT_CONFIGURED };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = isRetryable(error) ? { kind: 'retry', error: `身份认证服务暂时无法完成（${message}），将自动重试` } : { kind: 'failed', error: `身份认证服务拒绝：${message}` };
    }
    await this.record(personId, claimedVersion, outcome, fingerprintOf(desired));
  }

  private async converge(idp: IdentityProvider, row: AccountEntity, person: PersonEntity, desired: DesiredAccount): Promise<Outcome> {
    if (row.retireSubject) await this.disableAt(idp, row.retireSubject);
    if (row.state === 'unlinked') return { kind: 'unlinked' };
    if (!desired.wanted) {
      if (row.subject) await this.disableAt(idp, row.subject);
      return { kind: 'disabled' };
    }
    const fields = { enabled: true, fullName: desired.fullName, unit: desired.unit, body: desired.body, roles: desired.roles };
    let account = row.subject ? await idp.get(row.subject) : null;
    if (!account) {
      if (!person.username) return { kind: 'retry', error: '此人还没有登录名' };
      account = await idp.findByUsername(person.username);
      if (!account) return { kind: 'linked', subject: (await idp.create({ username: person.username, ...fields })).id };
      if (account.unit && account.unit !== person.unitCode) {
        return { kind: 'failed', error: `登录名 ${person.username} 已是其他单位（${account.unit}）的账号；请为此人另设登录名后关联` };
      }
    }
    await idp.update(account.id, fields);
    return { kind: 'linked', subject: account.id };
  }

  private async disableAt(idp: IdentityProvider, subject: string): Promise<void> {
    if (!(await idp.get(subject))) return;
    await idp.update(subject, { enabled: false });
    await idp.signOut(subject);
  }

  private async record(personId: string, claimedVersion: number, outcome: Outcome, synced: string): Promise<void> {
    await this.repo.transaction(async (m) => {
      const unlocked = await this.roster.personById(m, personId);
      if (!unlocked) return;
      await this.roster.lockUnit(m, unlocked.unitCode);
      const person = (await this.roster.personById(m, personId, true))!;
      const row = await this.repo.find(m, personId, true);
      if (!row) return;
      if (row.version !== claimedVersion) {
        await this.repo.save(m, row, { nextAttemptAt: new Date() });
        return;
      }
      const done = { attempts: 0, lastError: null, nextAttemptAt: null, retireSubject: null };
      switch (outcome.kind) {
        case 'linked': {
          const holder = await this.roster.personBySubject(m, outcome.subject);
          if (holder && holder.id !== person.id) {
            await this.repo.save(m, row, { state: 'failed', attempts: row.attempts + 1, nextAttemptAt: null, lastError: `该账号已关联到 ${holder.name}；请为此人另设登录名后关联` });
            return;
          }
          await this.roster.recordSubject(m, person, outcome.subject);
          await this.repo.save(m, row, { ...done, state: 'linked', subject: outcome.subject, synced });
          if (row.state !== 'linked' || row.subject !== outcome.subject) {
            await recordAudit(m, { actor: SYSTEM_ACTOR, unitCode: person.unitCode, action: 'account.linked', entityType: 'person', entityId: person.id, after: { username: person.username, subject: outcome.subject } });
          }
          return;
        }
        case 'disabled':
          await this.repo.save(m, row, { ...done, state: 'disabled', synced });
          if (row.state !== 'disabled') await recordAudit(m, { actor: SYSTEM_ACTOR, unitCode: person.unitCode, action: 'account.disabled', entityType: 'person', entityId: person.id, after: { username: person.username } });
          return;
        case 'unlinked':
          await this.repo.save(m, row, { ...done, synced: null });
          return;
        case 'retry': {
          const attempts = row.attempts + 1;
          await this.repo.save(m, row, { attempts, lastError: outcome.error, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) });
          this.logger.warn({ personId, attempts }, 'account provisioning will be retried');
          return;
        }
        case 'failed':
          await this.repo.save(m, row, { state: 'failed', attempts: row.attempts + 1, lastError: outcome.error, nextAttemptAt: null });
          this.logger.warn({ personId }, 'account provisioning failed; the office must act');
          return;
      }
    });
  }

  // ---- the office's actions ------------------------------------------------------------------

  /** Links the person to the account of `username` (existing or to be made); a previously linked other account is disabled. */
  async link(actor: Actor, input: { code: string; personId: string; username: string }): Promise<PersonAccount> {
    return this.repo.transaction(async (m) => {
      const { person, row } = await this.load(m, input.code, input.personId);
      assertAllowed(ACCOUNT_MACHINE, 'link', actor, { state: stateOf(row), unitCode: person.unitCode, holdsRole: person.roles.length > 0 });
      const renamed = person.username !== input.username;
      const updated = await this.roster.setUsername(m, person, input.username);
      const retire = renamed && row?.subject ? row.subject : (row?.retireSubject ?? null);
      if (renamed && updated.idpSubject) await this.roster.recordSubject(m, updated, null);
      const change = { state: 'pending', wanted: true, subject: renamed ? null : (row?.subject ?? null), retireSubject: retire, attempts: 0, lastError: null, synced: null, nextAttemptAt: new Date() };
      if (row) await this.repo.save(m, row, change);
      else await this.repo.insert(m, { id: person.id, unitCode: person.unitCode, ...change });
      await recordAudit(m, { actor, unitCode: person.unitCode, action: 'account.link', entityType: 'person', entityId: person.id, before: { username: person.username }, after: { username: input.username } });
      return withActions(actor, (await this.repo.one(m, person.id))!);
    });
  }

  /** Detaches the person's account: the person can no longer sign in with it, and it is disabled at the identity provider. */
  async unlink(actor: Actor, input: { code: string; personId: string }): Promise<PersonAccount> {
    return this.repo.transaction(async (m) => {
      const { person, row } = await this.load(m, input.code, input.personId);
      assertAllowed(ACCOUNT_MACHINE, 'unlink', actor, { state: stateOf(row), unitCode: person.unitCode, holdsRole: person.roles.length > 0 });
      await this.roster.recordSubject(m, person, null);
      await this.repo.save(m, row!, { state: 'unlinked', subject: null, retireSubject: row!.subject ?? row!.retireSubject, attempts: 0, lastError: null, synced: null, nextAttemptAt: new Date() });
      await recordAudit(m, { actor, unitCode: person.unitCode, action: 'account.unlink', entityType: 'person', entityId: person.id, before: { username: person.username, subject: row!.subject } });
      return withActions(actor, (await this.repo.one(m, person.id))!);
    });
  }

  /** Tries again now (after the office fixed what the identity provider refused, or to skip the wait). */
  async retry(actor: Actor, input: { code: string; personId: string }): Promise<PersonAccount> {
    return this.repo.transaction(async (m) => {
      const { person: loaded, row } = await this.load(m, input.code, input.personId);
      assertAllowed(ACCOUNT_MACHINE, 'retry', actor, { state: stateOf(row), unitCode: loaded.unitCode, holdsRole: loaded.roles.length > 0 });
      const person = await this.roster.ensureUsername(m, loaded);
      const change = { state: row?.subject ? 'linked' : 'pending', wanted: true, attempts: 0, lastError: null, synced: null, nextAttemptAt: new Date() };
      if (row) await this.repo.save(m, row, change);
      else await this.repo.insert(m, { id: person.id, unitCode: person.unitCode, subject: null, ...change });
      await recordAudit(m, { actor, unitCode: person.unitCode, action: 'account.retry', entityType: 'person', entityId: person.id });
      return withActions(actor, (await this.repo.one(m, person.id))!);
    });
  }

  /**
   * Sets a new temporary password (initial, or a reset) that the person must change at their next
   * sign-in, and returns it once, for the office to hand over. It is stored nowhere here: not in the
   * database, the audit trail or the logs.
   */
  async issuePassword(actor: Actor, input: { code: string; personId: string }): Promise<{ personId: string; username: string; password: string; temporary: true }> {
    const { person, row } = await this.repo.transaction((m) => this.load(m, input.code, input.personId));
    assertAllowed(ACCOUNT_MACHINE, 'issue-password', actor, { state: stateOf(row), unitCode: person.unitCode, holdsRole: person.roles.length > 0 });
    if (!this.idp) throw ProblemError.of('unavailable', NOT_CONFIGURED);
    const password = initialPassword(randomInt);
    try {
      await this.idp.setTemporaryPassword(row!.subject!, password);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw isRetryable(error) ? ProblemError.of('unavailable', `身份认证服务暂时无法设置密码（${message}），请稍后再试`) : ProblemError.conflict(`身份认证服务拒绝设置密码：${message}`);
    }
    await this.repo.transaction(async (m) => {
      const current = await this.repo.find(m, person.id, true);
      if (current) await this.repo.save(m, current, { passwordIssuedAt: new Date() });
      await recordAudit(m, { actor, unitCode: person.unitCode, action: 'account.issue-password', entityType: 'person', entityId: person.id, after: { username: person.username } });
    });
    return { personId: person.id, username: person.username!, password, temporary: true };
  }

  /** The person of the unit (404 otherwise: another unit's people are not even named) and their account row, locked. */
  private async load(m: EntityManager, code: string, personId: string): Promise<{ person: PersonEntity; row: AccountEntity | null }> {
    await this.roster.lockUnit(m, code);
    const person = await this.roster.personById(m, personId, true);
    if (!person || person.unitCode !== code) throw ProblemError.notFound(`单位 ${code} 没有此人（${personId}）`);
    const row = await this.repo.find(m, personId, true);
    if (row || !person.idpSubject) return { person, row };
    // Linked before provisioning existed: its row, as it stands, before the office acts on it.
    const desired = desiredOf(person);
    const linked = await this.repo.insert(m, { id: person.id, unitCode: person.unitCode, state: 'linked', wanted: desired.wanted, subject: person.idpSubject, synced: fingerprintOf(desired), nextAttemptAt: null });
    return { person, row: linked };
  }
}
