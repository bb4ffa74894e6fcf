import type { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAt: number;
}

/**
 * Fixed-window counters for @nestjs/throttler: O(1) per request. The library's default storage
 * keeps every hit's expiry and scans them on each request, which costs a busy user hundreds of
 * operations per request. A fixed window may let a user through up to twice the limit across a
 * window boundary, which is fine for abuse protection.
 */
export class FixedWindowStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window || now >= window.endsAt) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(id, window);
    }
    window.hits += 1;
    const timeToExpire = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, window] of this.windows) if (now >= window.endsAt) this.windows.delete(id);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
