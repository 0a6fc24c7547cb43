import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMITS } from '@hh/contracts';
import { tooManyRequests } from '../errors/problem.exception';
import { blockedMessage, rateLimitKey } from './rate-limit.guard';

/** The limits of RATE_LIMITS that guard bcrypt work, counted where the work starts. */
export type AttemptLimitName = 'signup' | 'password';

/**
 * Counts the attempts at an expensive operation (sign-up and password change each cost a bcrypt hash) once the
 * request is valid, so a malformed body, which costs nothing, does not use up the budget; every valid attempt
 * counts, a wrong current password too. Past the limit: 429 with Retry-After.
 */
@Injectable()
export class AttemptLimiter {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async consume(name: AttemptLimitName, tracker: { ip: string } | { userId: number }): Promise<void> {
    const { limit, windowMs } = RATE_LIMITS[name];
    const key = rateLimitKey(name, 'ip' in tracker ? `ip:${tracker.ip}` : `user:${tracker.userId}`);
    const hit = await this.storage.increment(key, windowMs, limit, windowMs, name);
    if (hit.isBlocked) throw tooManyRequests(blockedMessage(name, hit.timeToBlockExpire), hit.timeToBlockExpire);
  }
}
