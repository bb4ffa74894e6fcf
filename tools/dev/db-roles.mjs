// One PostgreSQL role per service, with rights on its own schema only (issue 11).
// prepareDatabaseRoles(adminUrl, services) → { [service]: databaseUrl }.
// (Until the roles are provisioned, every service uses the admin URL.)
export async function prepareDatabaseRoles(adminUrl, services) {
  return Object.fromEntries(services.map((s) => [s, adminUrl]));
}
