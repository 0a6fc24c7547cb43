import { createHash } from 'node:crypto';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { RATE_LIMITS, RateLimitName } from '@hh/contracts';
import type { Principal } from '../guards/principal';
import { RATE_LIMITS_KEY } from './rate-limit.decorator';

/** The name the throttler module knows the per-user limit by ('default' gets the un-suffixed headers). */
export const API_THROTTLER = 'default';

interface RateLimitRequest {
  ip: string;
  user?: Principal;
  rateLimitHeaders?: { remaining: number };
}

interface RateLimitReply {
  header(name: string, value: string | number): unknown;
}

/**
 * The request limits of RATE_LIMITS (docs/decisions/004) on @nestjs/throttler's storage: `login` per client IP
 * (every attempt counts), `api` per user across every route (keys and sessions share it; per IP before sign-in),
 * and `calls` per user. (`signup` and `password` are counted by AttemptLimiter once the body is valid.)
 * Unlike the stock guard, counters are global per user rather than per route, and every response carries plain
 * X-RateLimit-Limit/Remaining/Reset of the tightest limit; a 429 also carries Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration } = props;
    const name = this.limitName(throttler.name);
    if (name !== 'api' && !this.routeLimits(context).includes(name)) return true;

    const { req, res } = this.getRequestResponse(context) as unknown as { req: RateLimitRequest; res: RateLimitReply };
    const tracker = name === 'login' || !req.user ? `ip:${req.ip}` : `user:${req.user.userId}`;
    const key = rateLimitKey(name, tracker);
    const hit = await this.storageService.increment(key, ttl, limit, blockDuration, throttler.name ?? API_THROTTLER);
    const remaining = hit.isBlocked ? 0 : Math.max(0, limit - hit.totalHits);
    const reset = hit.isBlocked ? hit.timeToBlockExpire : hit.timeToExpire;

    if (!req.rateLimitHeaders || remaining <= req.rateLimitHeaders.remaining) {
      req.rateLimitHeaders = { remaining };
      res.header('X-RateLimit-Limit', limit);
      res.header('X-RateLimit-Remaining', remaining);
      res.header('X-RateLimit-Reset', reset);
    }
    if (hit.isBlocked) {
      res.header('Retry-After', hit.timeToBlockExpire);
      throw new ThrottlerException(blockedMessage(name, hit.timeToBlockExpire));
    }
    return true;
  }

  private limitName(throttlerName: string | undefined): RateLimitName {
    return !throttlerName || throttlerName === API_THROTTLER ? 'api' : (throttlerName as RateLimitName);
  }

  private routeLimits(context: ExecutionContext): RateLimitName[] {
    return (
      this.reflector.getAllAndOverride<RateLimitName[]>(RATE_LIMITS_KEY, [context.getHandler(), context.getClass()]) ??
      []
    );
  }
}

/** The storage key of a limit's counter for one tracker (`ip:…` or `user:…`). */
export function rateLimitKey(name: string, tracker: string): string {
  return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
}

export function blockedMessage(name: RateLimitName, retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  const { limit, windowMs } = RATE_LIMITS[name];
  const window = windowMs === 3_600_000 ? 'hour' : windowMs >= 120_000 ? `${windowMs / 60_000} minutes` : 'minute';
  switch (name) {
    case 'login':
      return `Too many sign-in attempts from this address (${limit} per ${window}); try again in ${wait}`;
    case 'calls':
      return `Too many calls started (${limit} per ${window}); try again in ${wait}`;
    case 'signup':
      return `Too many sign-ups from this address (${limit} per ${window}); try again in ${wait}`;
    case 'password':
      return `Too many password changes (${limit} per ${window}); try again in ${wait}`;
    case 'passwordForgot':
    case 'passwordForgotAccount':
      return `Too many password-reset requests (${limit} per ${window}); try again in ${wait}`;
    case 'passwordReset':
      return `Too many password resets from this address (${limit} per ${window}); try again in ${wait}`;
    case 'emailVerifyResend':
      return `Too many verification links asked for (${limit} per ${window}); try again in ${wait}`;
    default:
      return `Too many requests (${limit} per ${window}); try again in ${wait}`;
  }
}

/** The throttler module's configuration, built from the shared RATE_LIMITS. */
export const RATE_LIMIT_THROTTLERS = [
  { name: API_THROTTLER, limit: RATE_LIMITS.api.limit, ttl: RATE_LIMITS.api.windowMs },
  { name: 'login', limit: RATE_LIMITS.login.limit, ttl: RATE_LIMITS.login.windowMs },
  { name: 'calls', limit: RATE_LIMITS.calls.limit, ttl: RATE_LIMITS.calls.windowMs },
];
