import { describe, expect, it } from '@jest/globals';
import { GatewayEnv } from '../config.js';
import { isAppPath, webClientConfig } from './web-app.js';

const env = (extra: Record<string, string> = {}) =>
  GatewayEnv.parse({ DATABASE_URL: 'postgres://u@localhost/db', NATS_URL: 'nats://localhost:4222', KEYCLOAK_URL: 'http://localhost:8080/', ...extra });

describe('web app serving', () => {
  it('answers page paths with the app and leaves the API, operations and files alone', () => {
    for (const path of ['/', '/projects', '/projects/0d1c3c1e-0000-4000-8000-000000000000', '/auth/callback', '/portal/']) expect([path, isAppPath(path)]).toEqual([path, true]);
    for (const path of ['/api', '/api/v1/projects', '/api/docs', '/health', '/ready', '/config.json', '/assets/index-abc.js', '/favicon.ico', '/assets/gone'])
      expect([path, isAppPath(path)]).toEqual([path, false]);
  });

  it("gives the browser the realm's issuer as the OIDC authority", () => {
    expect(webClientConfig(env())).toEqual({ oidc: { authority: 'http://localhost:8080/realms/congress', clientId: 'congress-web', scope: 'openid', logoutMethod: 'post' } });
  });

  it('tells the browser to log out with a form POST unless the identity provider takes GET only', () => {
    expect(webClientConfig(env({ WEB_OIDC_LOGOUT_METHOD: 'get' })).oidc.logoutMethod).toBe('get');
    expect(() => env({ WEB_OIDC_LOGOUT_METHOD: 'put' })).toThrow(/WEB_OIDC_LOGOUT_METHOD/);
  });

  it("prefers the public issuer, then an explicit web authority", () => {
    expect(webClientConfig(env({ KEYCLOAK_ISSUER: 'https://id.example.cn/realms/congress' })).oidc.authority).toBe('https://id.example.cn/realms/congress');
    expect(webClientConfig(env({ KEYCLOAK_ISSUER: 'https://a/realms/x', WEB_OIDC_AUTHORITY: 'https://b/realms/y', WEB_OIDC_CLIENT_ID: 'web2' })).oidc).toMatchObject({
      authority: 'https://b/realms/y',
      clientId: 'web2',
    });
  });
});
