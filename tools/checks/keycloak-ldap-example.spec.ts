import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES } from '@congress/contracts';

interface Component {
  providerId: string;
  subComponents?: Record<string, Component[]>;
  config: Record<string, string[] | string>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, 'infra/keycloak', file), 'utf8')) as T;
const realm = read<{ components: Record<string, Component[]> }>('realm-congress.json');
const federation = read<Component>('ldap-federation.example.json');
const mappers = federation.subComponents?.['org.keycloak.storage.ldap.mappers.LDAPStorageMapper'] ?? [];

/**
 * What the LDAP federation example must agree on with the realm and the platform's roles. What it
 * does on a real Keycloak reading a real OpenLDAP is apps/gateway/test/keycloak-ldap.e2e-spec.ts;
 * that test is skipped where slapd is missing, this one never.
 */
describe('the LDAP federation example, beside the realm', () => {
  it('is not part of the realm: a province without a directory imports the realm as it is', () => {
    expect(Object.keys(realm.components)).not.toContain('org.keycloak.storage.UserStorageProvider');
  });

  it('maps only attributes the realm’s user profile declares (Keycloak drops undeclared ones silently)', () => {
    const [profile] = realm.components['org.keycloak.userprofile.UserProfileProvider']!;
    const declared = (JSON.parse(profile!.config['kc.user.profile.config']![0]!) as { attributes: { name: string }[] }).attributes.map((a) => a.name);
    const mapped = mappers.filter((m) => m.providerId === 'user-attribute-ldap-mapper').map((m) => m.config['user.model.attribute']![0]!);
    expect(mapped).toEqual(expect.arrayContaining(['username', 'fullName', 'unit']));
    for (const attribute of mapped) expect(declared).toContain(attribute);
  });

  it('reads the directory without changing it, without a user cache, and only the platform’s roles from its groups', () => {
    expect(federation.config).toMatchObject({ editMode: ['READ_ONLY'], cachePolicy: ['NO_CACHE'], importEnabled: ['true'] });
    for (const mapper of mappers.filter((m) => m.providerId === 'user-attribute-ldap-mapper')) expect(mapper.config['read.only']).toEqual(['true']);
    const roles = mappers.find((m) => m.providerId === 'role-ldap-mapper')!;
    expect(roles.config).toMatchObject({ mode: ['READ_ONLY'], 'use.realm.roles.mapping': ['true'] });
    const filtered = [...String(roles.config['roles.ldap.filter']).matchAll(/\(cn=([^)]+)\)/g)].map((m) => m[1]);
    expect(filtered.sort()).toEqual([...ROLES].sort());
  });
});
