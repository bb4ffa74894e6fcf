import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { hashPassword, verifyPassword, type Credential, type ScryptCredential } from './passwords.js';
import type { LocalIdpUser } from './types.js';

/** Keycloak's required action "update password": a temporary password was set. */
export const UPDATE_PASSWORD = 'UPDATE_PASSWORD';

/** A user of the realm as the local IdP keeps it (Keycloak's user, as far as the platform uses one). */
export interface Account {
  /** Keycloak's user id: the tokens' `sub`. */
  subject: string;
  /** Lower case, as Keycloak stores usernames. */
  username: string;
  enabled: boolean;
  /** The `fullName` attribute: the tokens' `name`. */
  fullName: string | null;
  /** The `unit` attribute (6-digit code). */
  unitCode: string | null;
  /** The `body` attribute. */
  bodyId: string | null;
  /** Realm roles mapped directly to the user. */
  roles: string[];
  requiredActions: string[];
  createdTimestamp: number;
  /** No credential: the user cannot sign in until a password is set. */
  credential: Credential | null;
}

export type SignIn = { outcome: 'ok'; account: Account } | { outcome: 'temporary'; account: Account } | { outcome: 'invalid' } | { outcome: 'disabled' };

/** A username another user has: Keycloak answers 409. */
export class UsernameTaken extends Error {
  constructor(username: string) {
    super(`username ${username} is taken`);
  }
}

/** One user in the users file (never a plain password). */
interface UserRecord {
  id: string;
  username: string;
  enabled: boolean;
  fullName: string | null;
  unit: string | null;
  body: string | null;
  roles: string[];
  requiredActions: string[];
  createdTimestamp: number;
  credential: ScryptCredential | null;
}

interface UsersFile {
  version: 1;
  /** Every user the admin API created or changed, demo logins included. */
  users: UserRecord[];
  /** Demo logins the admin API deleted. */
  deleted: string[];
}

/**
 * The realm's users: the demo logins, plus what the admin API (admin-api.ts) created or changed.
 * With a `file`, those changes are written there after each one and read back at start, over the
 * demo logins: an account provisioned at runtime survives a restart of `npm start`.
 */
export class UserStore {
  private readonly bySubject = new Map<string, Account>();
  private readonly byUsername = new Map<string, Account>();
  /** Subjects to write to the file. */
  private readonly changed = new Set<string>();
  private readonly demoSubjects = new Set<string>();
  private readonly deletedDemo = new Set<string>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    demoUsers: readonly LocalIdpUser[],
    private readonly file?: string,
  ) {
    const now = Date.now();
    for (const user of demoUsers) {
      const username = user.username.toLowerCase();
      if (this.byUsername.has(username)) throw new Error(`local-idp: duplicate username ${user.username}`);
      if (this.bySubject.has(user.subject)) throw new Error(`local-idp: duplicate subject ${user.subject}`);
      this.index({
        subject: user.subject,
        username,
        enabled: true,
        fullName: user.name,
        unitCode: user.unitCode,
        bodyId: user.bodyId ?? null,
        roles: [...user.roles],
        requiredActions: [],
        createdTimestamp: now,
        credential: { algorithm: 'plain', password: user.password },
      });
      this.demoSubjects.add(user.subject);
    }
    if (file && existsSync(file)) this.load(file);
  }

  get size(): number {
    return this.bySubject.size;
  }

  findBySubject(subject: string): Account | undefined {
    return this.bySubject.get(subject);
  }

  /** Case-insensitive, as in Keycloak. */
  findByUsername(username: string): Account | undefined {
    return this.byUsername.get(username.toLowerCase());
  }

  list(): Account[] {
    return [...this.bySubject.values()];
  }

  /**
   * Checks a sign-in as Keycloak's login form does: a disabled account is told apart only after
   * the right password, and the caller must not say which of username and password was wrong.
   * (Its password grant looks at `enabled` first: password-grant.ts.)
   */
  async authenticate(username: string, password: string): Promise<SignIn> {
    const candidate = this.findByUsername(username);
    if (!candidate?.credential || !(await verifyPassword(candidate.credential, password))) return { outcome: 'invalid' };
    const account = this.bySubject.get(candidate.subject);
    if (!account) return { outcome: 'invalid' };
    if (!account.enabled) return { outcome: 'disabled' };
    return account.requiredActions.includes(UPDATE_PASSWORD) ? { outcome: 'temporary', account } : { outcome: 'ok', account };
  }

  /** Adds or replaces the account (by subject); UsernameTaken when another account has its username. Resolves once written to the file. */
  async save(account: Account): Promise<void> {
    const holder = this.byUsername.get(account.username);
    if (holder && holder.subject !== account.subject) throw new UsernameTaken(account.username);
    const previous = this.bySubject.get(account.subject);
    if (previous) this.byUsername.delete(previous.username);
    this.index(account);
    this.changed.add(account.subject);
    await this.persist();
  }

  async remove(subject: string): Promise<boolean> {
    const account = this.bySubject.get(subject);
    if (!account) return false;
    this.bySubject.delete(subject);
    this.byUsername.delete(account.username);
    this.changed.delete(subject);
    if (this.demoSubjects.has(subject)) this.deletedDemo.add(subject);
    await this.persist();
    return true;
  }

  private index(account: Account): void {
    this.bySubject.set(account.subject, account);
    this.byUsername.set(account.username, account);
  }

  /** Writes one at a time, in order; each caller waits for the write that includes its change. */
  private persist(): Promise<void> {
    if (!this.file) return Promise.resolve();
    const file = this.file;
    const run = this.writing.then(() => this.write(file));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async write(file: string): Promise<void> {
    const users: UserRecord[] = [];
    for (const subject of this.changed) {
      const account = this.bySubject.get(subject);
      if (!account) continue;
      // A demo login changed at runtime: its password goes to the file hashed, like every other.
      if (account.credential?.algorithm === 'plain') account.credential = await hashPassword(account.credential.password);
      users.push(toRecord(account));
    }
    const content: UsersFile = { version: 1, users, deleted: [...this.deletedDemo] };
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    // Password hashes: readable by the owner only. Rename, so a crash never leaves half a file.
    writeFileSync(partial, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, file);
  }

  private load(file: string): void {
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<UsersFile>;
    if (content.version !== 1 || !Array.isArray(content.users)) throw new Error(`${file}: expected { "version": 1, "users": [...] } (delete the file to start over)`);
    for (const subject of content.deleted ?? []) {
      const account = this.bySubject.get(subject);
      if (account && this.demoSubjects.has(subject)) {
        this.bySubject.delete(subject);
        this.byUsername.delete(account.username);
        this.deletedDemo.add(subject);
      }
    }
    for (const record of content.users) {
      const account = fromRecord(record, file);
      const previous = this.bySubject.get(account.subject);
      if (previous) this.byUsername.delete(previous.username);
      const holder = this.byUsername.get(account.username);
      if (holder && holder.subject !== account.subject) {
        throw new Error(`${file}: user ${account.subject} has the username ${account.username} of demo login ${holder.subject} (delete the file to start over)`);
      }
      this.index(account);
      this.changed.add(account.subject);
    }
  }
}

function toRecord(account: Account): UserRecord {
  if (account.credential?.algorithm === 'plain') throw new Error('local-idp: refusing to write a plain password');
  return {
    id: account.subject,
    username: account.username,
    enabled: account.enabled,
    fullName: account.fullName,
    unit: account.unitCode,
    body: account.bodyId,
    roles: [...account.roles],
    requiredActions: [...account.requiredActions],
    createdTimestamp: account.createdTimestamp,
    credential: account.credential,
  };
}

function fromRecord(record: UserRecord, file: string): Account {
  if (typeof record.id !== 'string' || typeof record.username !== 'string') throw new Error(`${file}: a user without id or username`);
  if (record.credential && record.credential.algorithm !== 'scrypt') throw new Error(`${file}: user ${record.username} has a credential that is not an scrypt hash`);
  return {
    subject: record.id,
    username: record.username.toLowerCase(),
    enabled: record.enabled === true,
    fullName: record.fullName ?? null,
    unitCode: record.unit ?? null,
    bodyId: record.body ?? null,
    roles: Array.isArray(record.roles) ? [...record.roles] : [],
    requiredActions: Array.isArray(record.requiredActions) ? [...record.requiredActions] : [],
    createdTimestamp: typeof record.createdTimestamp === 'number' ? record.createdTimestamp : Date.now(),
    credential: record.credential ?? null,
  };
}

interface DemoPerson {
  id: string;
  unitCode: string;
  name: string;
  roles: string[];
  bodyId: string | null;
  username: string | null;
  subject: string | null;
}

/**
 * Reads infra/demo/demo-data.json and returns its logins: every person with a username, all
 * sharing the file's `password`. A login without a subject is a broken file, not a user to skip.
 */
export function loadDemoUsers(demoDataPath: string): LocalIdpUser[] {
  const data = JSON.parse(readFileSync(demoDataPath, 'utf8')) as { password?: unknown; people?: unknown };
  if (typeof data.password !== 'string' || !Array.isArray(data.people)) {
    throw new Error(`${demoDataPath}: expected { "password": string, "people": [...] }`);
  }
  const password = data.password;
  return (data.people as DemoPerson[])
    .filter((person) => typeof person.username === 'string' && person.username.length > 0)
    .map((person) => {
      if (!person.subject) throw new Error(`${demoDataPath}: login ${person.username} has no subject`);
      return {
        username: person.username as string,
        password,
        subject: person.subject,
        name: person.name,
        unitCode: person.unitCode,
        roles: [...person.roles],
        bodyId: person.bodyId ?? null,
      };
    });
}
