import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './env.js';
import type { KeycloakAdmin } from './keycloak.js';

/**
 * The OpenLDAP directory `npm test` starts (tools/dev/ldap.mjs), as the directory's manager sees it:
 * TEST_LDAP_URL, TEST_LDAP_BASE, TEST_LDAP_ADMIN (`dn:password`, the manager, who changes entries)
 * and TEST_LDAP_BIND (`dn:password`, the read-only account Keycloak binds as). Changes go through
 * ldapmodify (Debian's ldap-utils), as a directory administrator would make them.
 */
export interface LdapDirectory {
  url: string;
  base: string;
  bind: { dn: string; password: string };
  /** Applies LDIF change records (`changetype: add | modify | delete`) as the manager. */
  change(ldif: string): void;
}

export interface LdapPerson {
  uid: string;
  /** 姓名, whole: Keycloak's `fullName`, the tokens' `name`. */
  cn: string;
  sn: string;
  /** The unit code as the directory holds it (Keycloak's `unit`); absent for a person without one. */
  departmentNumber?: string;
  password: string;
}

const credentials = (value: string | undefined, name: string) => {
  const at = value?.lastIndexOf(':') ?? -1;
  if (!value || at < 0) throw new Error(`${name} is not set (dn:password): run the LDAP tests through \`npm test\`, which starts slapd`);
  return { dn: value.slice(0, at), password: value.slice(at + 1) };
};

export function ldapDirectory(): LdapDirectory {
  const url = process.env.TEST_LDAP_URL;
  const base = process.env.TEST_LDAP_BASE;
  if (!url || !base) throw new Error('TEST_LDAP_URL and TEST_LDAP_BASE are not set: run the LDAP tests through `npm test`, which starts slapd');
  const admin = credentials(process.env.TEST_LDAP_ADMIN, 'TEST_LDAP_ADMIN');
  return {
    url,
    base,
    bind: credentials(process.env.TEST_LDAP_BIND, 'TEST_LDAP_BIND'),
    change(ldif) {
      const result = spawnSync('ldapmodify', ['-x', '-H', url, '-D', admin.dn, '-w', admin.password], { input: ldif, encoding: 'utf8' });
      if (result.error) throw new Error(`ldapmodify could not start (install ldap-utils): ${result.error.message}`);
      if (result.status !== 0) throw new Error(`ldapmodify failed (${result.status}): ${result.stderr}\n${ldif}`);
    },
  };
}

/** `{SSHA}`, as slappasswd stores a password. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
}

/** One LDIF line; values that are not plain ASCII (汉字) are base64, as LDIF requires. */
export const ldifLine = (attribute: string, value: string): string =>
  /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) ? `${attribute}: ${value}` : `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}`;

export const personDn = (directory: LdapDirectory, uid: string): string => `uid=${uid},ou=people,${directory.base}`;

/** The LDIF that adds a person to ou=people (an inetOrgPerson, as a province's directory holds them). */
export function addPersonLdif(directory: LdapDirectory, person: LdapPerson): string {
  return [
    `dn: ${personDn(directory, person.uid)}`,
    'changetype: add',
    'objectClass: inetOrgPerson',
    `uid: ${person.uid}`,
    ldifLine('cn', person.cn),
    ldifLine('sn', person.sn),
    ...(person.departmentNumber ? [ldifLine('departmentNumber', person.departmentNumber)] : []),
    `userPassword: ${ssha(person.password)}`,
    '',
  ].join('\n');
}

/** The LDIF that adds (or removes) members of a platform role's group in ou=congress-roles. */
export function roleMembersLdif(directory: LdapDirectory, role: string, uids: string[], op: 'add' | 'delete' = 'add'): string {
  return [`dn: cn=${role},ou=congress-roles,${directory.base}`, 'changetype: modify', `${op}: member`, ...uids.map((uid) => `member: ${personDn(directory, uid)}`), ''].join('\n');
}

const PROVIDER_TYPE = 'org.keycloak.storage.UserStorageProvider';
const MAPPER_TYPE = 'org.keycloak.storage.ldap.mappers.LDAPStorageMapper';
const EXAMPLE_BASE = 'dc=example,dc=gov,dc=cn';

interface ComponentExport {
  name: string;
  providerId: string;
  subComponents?: Record<string, ComponentExport[]>;
  config: Record<string, string[]>;
}

/**
 * Adds infra/keycloak/ldap-federation.example.json to the realm through the admin API, as an
 * operator would, with only the connection changed: this directory's URL, base and read-only
 * account. Keycloak gives a new LDAP provider default mappers; they are replaced by the file's.
 * Returns the provider's id.
 */
export async function addLdapFederation(admin: KeycloakAdmin, directory: LdapDirectory, name: string): Promise<string> {
  const example = JSON.parse(readFileSync(join(REPO_ROOT, 'infra/keycloak/ldap-federation.example.json'), 'utf8')) as ComponentExport;
  const rebase = (config: Record<string, string[]>) => Object.fromEntries(Object.entries(config).map(([key, values]) => [key, values.map((v) => v.replaceAll(EXAMPLE_BASE, directory.base))]));
  const { subComponents, ...provider } = example;
  const config = { ...rebase(provider.config), connectionUrl: [directory.url], bindDn: [directory.bind.dn], bindCredential: [directory.bind.password] };
  const created = await admin.api('/components', { method: 'POST', body: JSON.stringify({ ...provider, name, providerType: PROVIDER_TYPE, config }) });
  if (created.status !== 201) throw new Error(`adding the LDAP provider: ${created.status} ${JSON.stringify(created.body)}`);
  const [component] = (await admin.api<{ id: string; name: string }[]>(`/components?type=${PROVIDER_TYPE}&name=${encodeURIComponent(name)}`)).body;
  const id = component!.id;
  for (const mapper of (await admin.api<{ id: string }[]>(`/components?parent=${id}&type=${MAPPER_TYPE}`)).body) await admin.api(`/components/${mapper.id}`, { method: 'DELETE' });
  for (const { subComponents: _none, ...mapper } of subComponents?.[MAPPER_TYPE] ?? []) {
    const added = await admin.api('/components', { method: 'POST', body: JSON.stringify({ ...mapper, config: rebase(mapper.config), parentId: id, providerType: MAPPER_TYPE }) });
    if (added.status !== 201) throw new Error(`adding the LDAP mapper ${mapper.name}: ${added.status} ${JSON.stringify(added.body)}`);
  }
  return id;
}
