import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { LocalIdpUser } from './types.js';

/** The realm's users, looked up by login name (password grant, login page) or by subject (tokens). */
export class UserStore {
  private readonly byUsername = new Map<string, LocalIdpUser>();
  private readonly bySubject = new Map<string, LocalIdpUser>();

  constructor(users: readonly LocalIdpUser[]) {
    for (const user of users) {
      if (this.byUsername.has(user.username)) throw new Error(`local-idp: duplicate username ${user.username}`);
      if (this.bySubject.has(user.subject)) throw new Error(`local-idp: duplicate subject ${user.subject}`);
      this.byUsername.set(user.username, user);
      this.bySubject.set(user.subject, user);
    }
  }

  get size(): number {
    return this.byUsername.size;
  }

  findBySubject(subject: string): LocalIdpUser | undefined {
    return this.bySubject.get(subject);
  }

  /** The user when the credentials match, else undefined (the caller must not say which part was wrong). */
  authenticate(username: string, password: string): LocalIdpUser | undefined {
    const user = this.byUsername.get(username);
    // Compare digests so the comparison takes the same time whatever the password's length.
    const ok = user !== undefined && timingSafeEqual(digest(password), digest(user.password));
    return ok ? user : undefined;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
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
