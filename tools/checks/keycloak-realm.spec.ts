import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES } from '@congress/contracts';
import { CLI_CLIENT_ID, SERVICE_CLIENT_ID, WEB_CLIENT_ID } from '@congress/local-idp';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Realm {
  realm: string;
  roles: { realm: { name: string }[] };
  clientScopes: { name: string; protocolMappers: Mapper[] }[];
  clients: { clientId: string; publicClient: boolean; directAccessGrantsEnabled: boolean; standardFlowEnabled: boolean; attributes?: Record<string, string>; defaultClientScopes: string[] }[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const realm = JSON.parse(readFileSync(join(ROOT, 'infra/keycloak/realm-congress.json'), 'utf8')) as Realm;

/** The Keycloak realm export (infra/keycloak) must issue what the gateway reads (libs/auth/src/jwt.ts). */
describe('the Keycloak realm export', () => {
  it('is the realm the gateway expects by default, with exactly the platform roles', () => {
    expect(realm.realm).toBe('congress');
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
  });

  it('puts the user attributes unit and body into the tokens as the claims unit and body', () => {
    const scope = realm.clientScopes.find((s) => s.name === 'congress');
    const claims = scope?.protocolMappers
      .filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['access.token.claim'] === 'true')
      .map((m) => [m.config['user.attribute'], m.config['claim.name']]);
    expect(claims).toEqual([
      ['unit', 'unit'],
      ['body', 'body'],
    ]);
    for (const client of realm.clients) expect(client.defaultClientScopes).toContain('congress');
  });

  it.each(['values.yaml', 'values-production.example.yaml'])('adds the audience that charts/congress-platform/%s requires', (file) => {
    const values = readFileSync(join(ROOT, 'charts/congress-platform', file), 'utf8');
    const audience = /^\s*audience:\s*(\S+)/m.exec(values)?.[1];
    const mappers = realm.clientScopes.find((s) => s.name === 'congress')?.protocolMappers ?? [];
    const added = mappers.filter((m) => m.protocolMapper === 'oidc-audience-mapper' && m.config['access.token.claim'] === 'true').map((m) => m.config['included.custom.audience']);
    expect(audience).toBeDefined();
    expect(added).toEqual([audience]);
  });

  it('has the clients of the local identity provider: the web app public with PKCE S256 and no password grant', () => {
    expect(realm.clients.map((c) => c.clientId).sort()).toEqual([CLI_CLIENT_ID, SERVICE_CLIENT_ID, WEB_CLIENT_ID].sort());
    const web = realm.clients.find((c) => c.clientId === WEB_CLIENT_ID)!;
    expect(web).toMatchObject({ publicClient: true, standardFlowEnabled: true, directAccessGrantsEnabled: false });
    expect(web.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(realm.clients.find((c) => c.clientId === SERVICE_CLIENT_ID)).toMatchObject({ publicClient: false });
  });
});
