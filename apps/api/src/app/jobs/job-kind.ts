import type { EntityManager } from 'typeorm';

/** A kind of job and the type of its payload: the one name a producer enqueues and a handler registers under. */
export interface JobKind<P> {
  readonly name: string;
  /** Never set: carries P so enqueue() and register() agree on the payload's type. */
  readonly payloadType?: P;
}

/** Declares a job kind (the name is stored in jobs.kind: keep it stable once jobs of it exist). */
export function jobKind<P>(name: string): JobKind<P> {
  if (!/^[a-z][a-z0-9._-]{0,63}$/.test(name)) throw new Error(`Invalid job kind "${name}"`);
  return { name };
}

/** The run of a claimed job, as its handler sees it. */
export interface RunningJob {
  id: number;
  /** 1 on the first run, then 2, 3… (a run whose worker crashed counts). */
  attempt: number;
  maxAttempts: number;
  /** Aborted when this instance shuts down or the lease was lost: stop and throw. */
  signal: AbortSignal;
}

/**
 * Writes run in the transaction that marks the job succeeded, and only while this run's claim still holds (the
 * lease was not lost to another worker): a job's database effects are therefore applied once.
 */
export type JobCommit = (em: EntityManager) => Promise<void>;

export interface JobHandler<P> {
  /**
   * The work, outside any transaction (files, network). It may run again after a crash or a failure, so what it
   * does outside the database must be safe to repeat (overwrite the same object, delete what may be gone). Throws
   * to fail the attempt; returns the database writes to commit with the success.
   */
  run(payload: P, job: RunningJob): Promise<JobCommit | void>;
  /** Runs in the transaction that gives the job up after its last attempt. */
  onFailed?(payload: P, error: string, em: EntityManager): Promise<void>;
  /** Runs in all, counting a run whose worker crashed; default 5. */
  maxAttempts?: number;
  /** Backoff after failed attempt n: about baseMs × 2^(n-1), at most maxMs, with jitter; default 5 s and 1 h. */
  backoff?: { baseMs: number; maxMs: number };
  /** How long a claim lasts without the worker renewing it (it renews at a third of it); default 60 s. */
  leaseMs?: number;
  /** A recurring job: after a success its row is queued again this much later instead of finishing. */
  everyMs?: number;
}

export const JOB_DEFAULTS = {
  maxAttempts: 5,
  backoff: { baseMs: 5_000, maxMs: 3_600_000 },
  leaseMs: 60_000,
} as const;

/**
 * The pause after failed attempt `attempt` (1-based): exponential, capped, and "equal jitter" (between half and all
 * of it) so jobs that failed together (a storage outage) do not all come back at the same instant.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
