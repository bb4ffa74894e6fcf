import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GatewayRequest } from './request-context.js';

/**
 * Per-user rate limit: keyed by the token's subject once the access guard has verified it,
 * by client address otherwise. Counters live in each gateway replica's memory, so the
 * effective limit is per replica (see docs/operations.md).
 */
@Injectable()
export class UserRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as GatewayRequest;
    return r.actor ? `user:${r.actor.subject}` : `ip:${r.ip ?? 'unknown'}`;
  }
}
