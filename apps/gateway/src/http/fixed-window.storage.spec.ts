import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { FixedWindowStorage } from './fixed-window.storage.js';

describe('fixed-window rate-limit storage', () => {
  const storage = new FixedWindowStorage();
  afterEach(() => {
    jest.useRealTimers();
  });

  it('blocks the hit after the limit and opens again in the next window', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await storage.increment('user:a', 60_000, 3, 0, 'per-user'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(results[3]).toMatchObject({ totalHits: 4, timeToExpire: 60, timeToBlockExpire: 60 });
    jest.setSystemTime(1_000_000 + 60_000);
    expect(await storage.increment('user:a', 60_000, 3, 0, 'per-user')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts users apart', async () => {
    await storage.increment('user:b', 60_000, 1, 0, 'per-user');
    expect((await storage.increment('user:c', 60_000, 1, 0, 'per-user')).isBlocked).toBe(false);
    expect((await storage.increment('user:b', 60_000, 1, 0, 'per-user')).isBlocked).toBe(true);
    storage.onModuleDestroy();
  });
});
