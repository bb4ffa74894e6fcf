// One PostgreSQL role per service, with rights on its own schema only (issue 11).
// prepareDatabaseRoles(adminUrl, services) → { [service]: databaseUrl }.
// The SQL lives in libs/persistence/src/roles.ts (compiled by the build that runs before this), shared
// with the tests; generated passwords are kept in .data/db-roles.json (mode 0600), so a restart
// keeps them. Idempotent: an existing .data from before the roles (schemas owned by postgres) is
// taken over on the first start, and later starts change nothing.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, log } from './bootstrap.mjs';

export const PASSWORDS_FILE = join(ROOT, '.data/db-roles.json');

export async function prepareDatabaseRoles(adminUrl, services, { passwordsFile = PASSWORDS_FILE, rolePrefix } = {}) {
  const { provisionServiceRoles, filePasswordStore, schemaOfService } = await import('../../dist/libs/persistence/src/roles.js');
  const { roles, changes } = await provisionServiceRoles({
    adminUrl,
    services: services.map((service) => ({ service, schema: schemaOfService(service) })),
    rolePrefix,
    passwords: filePasswordStore(passwordsFile),
  });
  if (changes.length) {
    // The first start over a database from before the roles takes over every table: the list goes to a log.
    const file = join(ROOT, '.data/logs/db-roles.log');
    mkdirSync(join(ROOT, '.data/logs'), { recursive: true });
    appendFileSync(file, `${new Date().toISOString()} ${adminUrl.replace(/:[^:@/]+@/, ':***@')}\n  ${changes.join('\n  ')}\n`);
    log(`database roles: ${changes.length} change(s)${changes.length <= 10 ? `\n  ${changes.join('\n  ')}` : ` (listed in ${file})`}`);
  }
  return Object.fromEntries(Object.values(roles).map((r) => [r.service, r.url]));
}
