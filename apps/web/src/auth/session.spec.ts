import { describe, expect, it } from '@jest/globals';
import { decodeJwtPayload, sessionFromAccessToken, signInFailureOf } from './session';

const base64url = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const jwt = (claims: object) => `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}.signature`;

describe('session from the access token', () => {
  it('reads the Keycloak claims, Chinese names included', () => {
    const token = jwt({ sub: 's-1', preferred_username: 'chenzhou-staff', name: '高成平', unit: '431000', realm_access: { roles: ['staff', 'offline_access'] }, exp: 1800000000 });
    expect(sessionFromAccessToken(token)).toEqual({
      subject: 's-1',
      username: 'chenzhou-staff',
      name: '高成平',
      unitCode: '431000',
      roles: ['staff'],
      bodyId: undefined,
      expiresAt: 1800000000,
    });
  });

  it("carries a liaison's body and falls back to the username for a missing name", () => {
    const session = sessionFromAccessToken(jwt({ sub: 's-2', preferred_username: 'chenzhou-fgw', body: 'b-1', realm_access: { roles: ['body-liaison'] } }));
    expect(session).toMatchObject({ name: 'chenzhou-fgw', bodyId: 'b-1', roles: ['body-liaison'] });
  });

  it('reads nothing from a token that is not a JWT', () => {
    expect(decodeJwtPayload('opaque-token')).toBeUndefined();
    expect(sessionFromAccessToken('a.!!!.c')).toBeUndefined();
  });
});

describe('why a sign-in failed', () => {
  it('names the identity provider’s own error and its description', () => {
    const thrown = Object.assign(new Error('Invalid scopes: openid profile'), { error: 'invalid_scope', error_description: 'Invalid scopes: openid profile' });
    expect(signInFailureOf(thrown)).toEqual({ code: 'invalid_scope', description: 'Invalid scopes: openid profile' });
    expect(signInFailureOf({ error: 'access_denied' })).toEqual({ code: 'access_denied' });
  });

  it('has nothing to name for an expired or replayed callback, or a strange value', () => {
    expect(signInFailureOf(new Error('No matching state found in storage'))).toBeUndefined();
    expect(signInFailureOf(undefined)).toBeUndefined();
    expect(signInFailureOf({ error: '<script>' })).toBeUndefined();
  });
});
