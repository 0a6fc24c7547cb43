import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMITS } from '@hh/contracts';
import { tooManyRequests } from '../errors/problem.exception';
import { blockedMessage, rateLimitKey } from './rate-limit.guard';

/**
 * The limits of RATE_LIMITS counted where the work starts: sign-ups and password changes (bcrypt work), and calls
 * that do not come through POST /calls (a softphone's own INVITE, authorized for the SIP server), which share the
 * `calls` counter RateLimitGuard keeps for POST /calls.
 */
export type AttemptLimitName =
  | 'signup'
  | 'password'
  | 'calls'
  | 'passwordForgot'
  | 'passwordForgotAccount'
  | 'passwordReset'
  | 'emailVerifyResend';

/**
 * Counts the attempts at an expensive operation (sign-up and password change each cost a bcrypt hash; a call costs
 * money) once the request is valid, so a malformed body, which costs nothing, does not use up the budget; every valid
 * attempt counts, a wrong current password too. Past the limit: 429 with Retry-After. The key and the throttler name
 * are RateLimitGuard's, so a limit the guard also counts (`calls`) is one budget.
 */
@Injectable()
export class AttemptLimiter {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async consume(
    name: AttemptLimitName,
    tracker: { ip: string } | { userId: number } | { account: string },
  ): Promise<void> {
    const { limit, windowMs } = RATE_LIMITS[name];
    const key = rateLimitKey(
      name,
      'ip' in tracker
        ? `ip:${tracker.ip}`
        : 'userId' in tracker
          ? `user:${tracker.userId}`
          : `account:${tracker.account}`,
    );
    const hit = await this.storage.increment(key, windowMs, limit, windowMs, name);
    if (hit.isBlocked) throw tooManyRequests(blockedMessage(name, hit.timeToBlockExpire), hit.timeToBlockExpire);
  }
}
