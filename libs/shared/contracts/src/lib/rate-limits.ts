/** The three rate limits (docs/decisions/004). */
export const RATE_LIMITS = {
  /** Login attempts per client IP; every attempt counts. */
  login: { limit: 5, windowMs: 15 * 60_000 },
  /** Authenticated requests per user; keys and sessions share it. */
  api: { limit: 100, windowMs: 60_000 },
  /** Call initiations per user. */
  calls: { limit: 10, windowMs: 60_000 },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;
