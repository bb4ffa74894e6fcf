/**
 * The real Keycloak `npm test` starts (tools/dev/keycloak.mjs), as its administrator sees it:
 * TEST_KEYCLOAK_URL and TEST_KEYCLOAK_ADMIN (`user:password`). Tests do through its admin REST API
 * what an operator does in the console.
 */
export interface KeycloakAdmin {
  url: string;
  /** A call to the admin API of the realm `congress`; the body, if any, parsed. */
  api<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  /** A user as the office would enter them: attributes, realm roles, a password. Returns its id (the tokens' `sub`). */
  createUser(username: string, password: string, attributes: Record<string, string[]>, roles: string[]): Promise<string>;
}

export async function keycloakAdmin(): Promise<KeycloakAdmin> {
  const url = process.env.TEST_KEYCLOAK_URL;
  if (!url) throw new Error('TEST_KEYCLOAK_URL is not set: run the Keycloak tests through `npm test`, which starts Keycloak');
  const [username, password] = (process.env.TEST_KEYCLOAK_ADMIN ?? 'admin:').split(':');
  const signIn = async () => {
    const login = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: username!, password: password! }),
    });
    const token = ((await login.json()) as { access_token?: string }).access_token;
    if (!token) throw new Error(`could not sign in to Keycloak's admin API as ${username} (${login.status})`);
    return token;
  };
  let token = await signIn();

  // The master realm's tokens live 60 s, less than a test file's setup on a busy machine: once
  // refused, sign in again and retry.
  const api = async <T = unknown>(path: string, init: RequestInit = {}) => {
    const call = () => fetch(`${url}/admin/realms/congress${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    let res = await call();
    if (res.status === 401) {
      token = await signIn();
      res = await call();
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  return {
    url,
    api,
    async createUser(name, userPassword, attributes, roles) {
      const created = await api('/users', { method: 'POST', body: JSON.stringify({ username: name, enabled: true, attributes, credentials: [{ type: 'password', value: userPassword, temporary: false }] }) });
      if (created.status !== 201) throw new Error(`creating ${name} in Keycloak: ${created.status} ${JSON.stringify(created.body)}`);
      const [user] = (await api<{ id: string }[]>(`/users?username=${encodeURIComponent(name)}&exact=true`)).body;
      const representations = await Promise.all(roles.map(async (role) => (await api(`/roles/${role}`)).body));
      const mapped = await api(`/users/${user!.id}/role-mappings/realm`, { method: 'POST', body: JSON.stringify(representations) });
      if (mapped.status !== 204) throw new Error(`giving ${name} the roles ${roles.join(', ')}: ${mapped.status}`);
      return user!.id;
    },
  };
}
