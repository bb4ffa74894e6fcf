import { ALL_ROLES, ROLE_NAMES } from '@congress/contracts';
import { v5 as uuidv5 } from 'uuid';

import { SERVICE_ROLE } from './claims.js';

/** A realm role as Keycloak's admin API represents it. */
export interface RoleRepresentation {
  id: string;
  name: string;
  description: string;
  composite: boolean;
  clientRole: false;
  containerId: string;
}

/**
 * The realm's roles, as infra/keycloak/realm-congress.json declares them plus the three Keycloak
 * adds to every realm: `default-roles-<realm>` (given to every new user, a composite of the other
 * two), `offline_access` and `uma_authorization`.
 */
export class RealmRoles {
  readonly defaultRole: string;
  private readonly byName = new Map<string, RoleRepresentation>();
  private readonly byId = new Map<string, RoleRepresentation>();
  private readonly composites = new Map<string, string[]>();

  constructor(realm: string) {
    // Stable ids, like a realm imported once: the same role has the same id on every start.
    const namespace = uuidv5(`urn:congress-supervision:local-idp:realm:${realm}`, uuidv5.URL);
    const containerId = uuidv5('realm', namespace);
    this.defaultRole = `default-roles-${realm}`;
    const roles: [string, string][] = [
      ...ALL_ROLES.map((role): [string, string] => [role, ROLE_NAMES[role]]),
      [SERVICE_ROLE, '服务账号（服务间调用）'],
      [this.defaultRole, '${role_default-roles}'],
      ['offline_access', '${role_offline-access}'],
      ['uma_authorization', '${role_uma_authorization}'],
    ];
    this.composites.set(this.defaultRole, ['offline_access', 'uma_authorization']);
    for (const [name, description] of roles) {
      const role: RoleRepresentation = { id: uuidv5(`role:${name}`, namespace), name, description, composite: this.composites.has(name), clientRole: false, containerId };
      this.byName.set(name, role);
      this.byId.set(role.id, role);
    }
  }

  all(): RoleRepresentation[] {
    return [...this.byName.values()];
  }

  byRoleName(name: string): RoleRepresentation | undefined {
    return this.byName.get(name);
  }

  byRoleId(id: string): RoleRepresentation | undefined {
    return this.byId.get(id);
  }

  /** Direct mappings plus the roles their composites contain: what a token's realm_access.roles lists. */
  effective(direct: readonly string[]): string[] {
    const out = new Set<string>();
    for (const name of direct) {
      out.add(name);
      for (const inner of this.composites.get(name) ?? []) out.add(inner);
    }
    return [...out];
  }
}
