import { describe, expect, it } from '@jest/globals';
import { assertBlobKey, newBlobKey } from './blob-store.js';

describe('newBlobKey', () => {
  it('partitions keys by the month of upload (UTC) and ends with a UUIDv7', () => {
    const key = newBlobKey('attachments', new Date('2026-11-30T23:30:00Z'));
    expect(key).toMatch(/^attachments\/2026\/11\/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => assertBlobKey(key)).not.toThrow();
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newBlobKey('attachments')));
    expect(keys.size).toBe(1000);
  });

  it.each(['', '/attachments', 'attachments/', 'Attachments', 'a/../b', 'a b'])('refuses the prefix %j', (prefix) => {
    expect(() => newBlobKey(prefix)).toThrow('invalid blob key prefix');
  });
});

describe('assertBlobKey', () => {
  it.each(['', '/a', 'a//b', 'a/../b', 'a/./b', 'a/b/', 'a\\b', 'a?b', 'x'.repeat(513)])('refuses the key %j', (key) => {
    expect(() => assertBlobKey(key)).toThrow('invalid blob key');
  });
});
