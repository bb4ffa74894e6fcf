// A local identity provider imitating Keycloak (URL layout, clients, token shape) for local
// runs and tests. Never deployed: the platform uses a real Keycloak there.
export type { LocalIdp, LocalIdpOptions, LocalIdpUser } from './types.js';
export { startLocalIdp } from './server.js';
export { loadDemoUsers } from './users.js';
export { CLI_CLIENT_ID, DIRECTORY_CLIENT_ID, SERVICE_CLIENT_ID, WEB_CLIENT_ID } from './clients.js';
