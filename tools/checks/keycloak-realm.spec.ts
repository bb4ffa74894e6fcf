import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_CLIENT_ID, DIRECTORY_CLIENT_ID, SERVICE_CLIENT_ID, WEB_CLIENT_ID } from '@congress/local-idp';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Realm {
  clients: { clientId: string; protocolMappers?: Mapper[] }[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const realm = JSON.parse(readFileSync(join(ROOT, 'infra/keycloak/realm-congress.json'), 'utf8')) as Realm;

/**
 * What the realm export must agree on with the rest of the repository. Whether Keycloak imports it
 * and issues what the gateway reads is tested against a real Keycloak
 * (apps/gateway/test/keycloak.e2e-spec.ts).
 */
describe('the Keycloak realm export, beside the charts and the local identity provider', () => {
  const audiencesOf = (client: Realm['clients'][number]) =>
    (client.protocolMappers ?? []).filter((m) => m.protocolMapper === 'oidc-audience-mapper' && m.config['access.token.claim'] === 'true').map((m) => m.config['included.custom.audience']);

  it.each(['values.yaml', 'values-production.example.yaml'])('adds to the tokens of every client of the platform’s API the audience that charts/congress-platform/%s requires', (file) => {
    const values = readFileSync(join(ROOT, 'charts/congress-platform', file), 'utf8');
    const audience = /^\s*audience:\s*(\S+)/m.exec(values)?.[1];
    expect(audience).toBeDefined();
    for (const client of realm.clients.filter((c) => c.clientId !== DIRECTORY_CLIENT_ID)) expect(audiencesOf(client)).toEqual([audience]);
  });

  it('gives the directory’s client (Keycloak’s admin API only) no audience of the platform’s API', () => {
    const directory = realm.clients.find((c) => c.clientId === DIRECTORY_CLIENT_ID);
    expect(directory).toBeDefined();
    expect(audiencesOf(directory!)).toEqual([]);
  });

  it('has the clients of the local identity provider', () => {
    expect(realm.clients.map((c) => c.clientId).sort()).toEqual([CLI_CLIENT_ID, DIRECTORY_CLIENT_ID, SERVICE_CLIENT_ID, WEB_CLIENT_ID].sort());
  });
});
