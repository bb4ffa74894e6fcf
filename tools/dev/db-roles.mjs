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

export async function prepareDatabaseRoles(adminUrl, services, { passwordsFile = PASSWORDS_FILE, rolePrefix, listChanges = false } = {}) {
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
    log(`database roles: ${changes.length} change(s)${listChanges || changes.length <= 10 ? `\n  ${changes.join('\n  ')}` : ` (listed in ${file})`}`);
  }
  return Object.fromEntries(Object.values(roles).map((r) => [r.service, r.url]));
}

// As a command, for an operator (docs/operations.md, "One database role per service"), after `npm run build`:
//   node tools/dev/db-roles.mjs --admin-url postgres://admin:…@pg:5432/congress --passwords-file roles.json --secret-env-file database.env
// creates or repairs the eight roles and schemas; the passwords stay in --passwords-file (0600; keep
// it to run the command again without changing them) and each service's URL is written as
// `<service>=postgres://…` to --secret-env-file (0600), for
// `kubectl create secret generic congress-platform-database --from-env-file=database.env`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { writeFileSync } = await import('node:fs');
  const { values } = parseArgs({
    options: {
      'admin-url': { type: 'string', default: process.env.DATABASE_URL },
      'passwords-file': { type: 'string', default: PASSWORDS_FILE },
      'secret-env-file': { type: 'string' },
      'role-prefix': { type: 'string' },
    },
  });
  if (!values['admin-url']) {
    process.stderr.write('usage: node tools/dev/db-roles.mjs --admin-url postgres://<superuser>@host:port/<database> [--passwords-file f] [--secret-env-file f] [--role-prefix congress_]\n');
    process.exit(2);
  }
  const services = ['gateway', 'directory', 'project-library', 'issue-tracking', 'supervision-scheduling', 'voting', 'publication', 'personnel-assessment'];
  const urls = await prepareDatabaseRoles(values['admin-url'], services, { passwordsFile: values['passwords-file'], rolePrefix: values['role-prefix'], listChanges: true });
  for (const [service, url] of Object.entries(urls)) log(`${service.padEnd(24)} ${url.replace(/:[^:@/]+@/, ':***@')}`);
  if (values['secret-env-file']) {
    writeFileSync(values['secret-env-file'], Object.entries(urls).map(([service, url]) => `${service}=${url}\n`).join(''), { mode: 0o600 });
    log(`URLs written to ${values['secret-env-file']} (mode 0600)`);
  }
}
