import { OPERATION_ROLES, type Operation } from '../api/access';

/** The realm roles (GLOSSARY.md); their labels are catalogue keys role.<name>. */
export const ROLES = ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy', 'body-liaison'] as const;
export type Role = (typeof ROLES)[number];

// Every role the API names must be one of ours: fails to compile when the gateway adds a role.
type ApiRole = (typeof OPERATION_ROLES)[Operation][number];
const _everyApiRoleIsKnown: [Exclude<ApiRole, Role>] extends [never] ? true : never = true;
void _everyApiRoleIsKnown;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The role a person is shown by in the header: the first of theirs in ROLES order. */
export function primaryRole(roles: readonly Role[]): Role | undefined {
  return ROLES.find((role) => roles.includes(role));
}

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => roles.includes(role));
}

/** The roles the gateway lets call an operation, e.g. rolesFor('POST /api/v1/projects'). */
export function rolesFor(operation: Operation): readonly Role[] {
  return OPERATION_ROLES[operation];
}

/** Whether these roles may call an operation. Writes are also refused in a read-only unit view. */
export function mayCall(roles: readonly Role[], operation: Operation, readOnly = false): boolean {
  if (readOnly && !operation.startsWith('GET ')) return false;
  return hasAnyRole(roles, rolesFor(operation));
}

/** Roles that work only in the responsible body's portal (承办单位): they see nothing else. */
export const PORTAL_ONLY_ROLES: readonly Role[] = ['body-liaison'];

/** Everyone but portal-only users. */
export function staffRolesOf(roles: readonly Role[]): Role[] {
  return roles.filter((role) => !PORTAL_ONLY_ROLES.includes(role));
}
