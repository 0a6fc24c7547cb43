/** The request rate limits (docs/decisions/004): every request the route gets counts. */
export const RATE_LIMITS = {
  /** Login attempts per client IP; every attempt counts. */
  login: { limit: 5, windowMs: 15 * 60_000 },
  /** Authenticated requests per user; keys and sessions share it. */
  api: { limit: 100, windowMs: 60_000 },
  /** Call initiations per user. */
  calls: { limit: 10, windowMs: 60_000 },
  /** Sign-ups per client IP (each costs a bcrypt hash). */
  signup: { limit: 10, windowMs: 60 * 60_000 },
  /** Password changes per user, wrong current passwords included (each costs one or two bcrypt operations). */
  password: { limit: 5, windowMs: 15 * 60_000 },
  /** Password-reset requests (POST /auth/password/forgot) per client IP. */
  passwordForgot: { limit: 5, windowMs: 15 * 60_000 },
  /** Password-reset requests per e-mail address, known or not (the answer never tells which). */
  passwordForgotAccount: { limit: 3, windowMs: 60 * 60_000 },
  /** Password resets (POST /auth/password/reset, each a bcrypt hash) per client IP. */
  passwordReset: { limit: 10, windowMs: 15 * 60_000 },
  /** Verification e-mails sent again (POST /auth/email/verify/resend) per user. */
  emailVerifyResend: { limit: 3, windowMs: 60 * 60_000 },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * Failure limits: only failed attempts count, and once `limit` failures fell within `windowMs` every further
 * attempt is refused (429 with Retry-After) until the window has passed.
 */
export const FAILURE_LIMITS = {
  /**
   * Failed sign-ins per account, counted by normalised email whether or not an account has it (the answer never
   * tells which), so a guess spread over many IPs is limited too.
   */
  loginAccount: { limit: 10, windowMs: 15 * 60_000 },
  /** Failed authentications (invalid or expired access tokens, unknown, revoked or expired API keys) per client IP. */
  authentication: { limit: 30, windowMs: 5 * 60_000 },
} as const;

export type FailureLimitName = keyof typeof FAILURE_LIMITS;
