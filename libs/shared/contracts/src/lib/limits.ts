/**
 * The product's size and count limits, defined once: the API validates with them, its OpenAPI text quotes them,
 * and the web forms show and enforce the same numbers. Rate limits live in rate-limits.ts.
 */
export const LIMITS = {
  /** Free text a user writes (call notes, request reasons, admin notes), in characters. */
  textMaxLength: 2000,
  /** Number requests a user may have pending at once. */
  pendingNumberRequests: 5,
  /** API keys a user may have active at once. */
  activeApiKeys: 10,
  /** The longest analytics range, in days (two years, a leap day included). */
  analyticsRangeDays: 731,
  /** A CSV import body, in bytes (1 MiB). */
  csvImportBytes: 1_048_576,
  /** Rows of one CSV import. */
  csvImportRows: 10_000,
  /** CSV exports a user may stream at once. */
  concurrentExports: 2,
  /** Live-update streams a user may hold open at once (the oldest closes). */
  liveStreamsPerUser: 5,
} as const;
