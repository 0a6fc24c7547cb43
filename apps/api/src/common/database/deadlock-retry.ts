/** MariaDB's answers when InnoDB chose this transaction as a deadlock victim or gave up waiting for a lock. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs a transaction again when InnoDB picked it as a deadlock victim (it was rolled back whole, so running it
 * again is safe), several times with a growing, randomised pause, and never turns a deadlock into a 500. The jitter
 * matters: transactions that collided once and wait the same time collide again (a burst of sign-ups, whose
 * transaction also writes the verification mail's outbox row and job, did so five times in a row).
 */
export async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(driverCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 25 * attempt));
    }
  }
}

function driverCode(error: unknown): string | undefined {
  return (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string } | null)?.code;
}
