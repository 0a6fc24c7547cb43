import { SetMetadata } from '@nestjs/common';
import type { RateLimitName } from '@hh/contracts';

export const RATE_LIMITS_KEY = 'hh:rateLimits';

/**
 * Adds a named limit of RATE_LIMITS (login, calls) to a route. The per-user `api` limit applies everywhere
 * already; @SkipThrottle() takes a route (health) out of it.
 */
export const RateLimit = (...names: Extract<RateLimitName, 'login' | 'calls'>[]) => SetMetadata(RATE_LIMITS_KEY, names);
