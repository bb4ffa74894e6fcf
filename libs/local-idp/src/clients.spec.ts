import { describe, expect, it } from '@jest/globals';

import { DEFAULT_WEB_REDIRECT_URIS, originsOf, redirectUriMatches } from './clients.js';

describe('redirectUriMatches (Keycloak-style patterns)', () => {
  const patterns = DEFAULT_WEB_REDIRECT_URIS;

  it('accepts any path under a pattern with a trailing *', () => {
    expect(redirectUriMatches('http://localhost:3000/', patterns)).toBe(true);
    expect(redirectUriMatches('http://localhost:5173/auth/callback?x=1', patterns)).toBe(true);
  });

  it('refuses other origins and lookalikes', () => {
    for (const uri of [
      'http://localhost:3001/callback',
      'https://localhost:3000/callback',
      'http://localhost:30000/callback',
      'http://localhost:3000.evil.example/callback',
      'http://localhost:3000@evil.example/callback',
      'http://evil.example/http://localhost:3000/',
      'http://localhost:3000/callback#fragment',
      'not a uri',
    ]) {
      expect([uri, redirectUriMatches(uri, patterns)]).toEqual([uri, false]);
    }
  });

  it('compares patterns without * exactly', () => {
    expect(redirectUriMatches('http://localhost:3000/cb', ['http://localhost:3000/cb'])).toBe(true);
    expect(redirectUriMatches('http://localhost:3000/cb2', ['http://localhost:3000/cb'])).toBe(false);
  });

  it('derives the CORS origins from the patterns', () => {
    expect([...originsOf(patterns)]).toEqual(['http://localhost:3000', 'http://localhost:5173']);
  });
});
