import { describe, expect, it } from '@jest/globals';
import { bearerToken } from './jwt.js';

describe('bearer token extraction', () => {
  it('takes the token of a Bearer header', () => {
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(bearerToken('bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
  });
  it('ignores other schemes and malformed values', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer not-a-jwt')).toBeUndefined();
    expect(bearerToken('Bearer a.b.c extra')).toBeUndefined();
  });
});
