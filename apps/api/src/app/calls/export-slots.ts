import { HttpStatus, Injectable } from '@nestjs/common';
import { LIMITS } from '@hh/contracts';
import { ProblemException } from '../../common/errors/problem.exception';

/** What a refused export is told to wait (Retry-After): exports of a few thousand rows take about a second. */
export const EXPORT_RETRY_AFTER_SECONDS = 5;

/**
 * Counts the exports running for each user in this instance, so that one user cannot take the whole connection
 * pool with parallel (or abandoned, slowly read) exports (each holds a database connection until its last row).
 * Beyond LIMITS.concurrentExports: 429 with Retry-After.
 */
@Injectable()
export class ExportSlots {
  private readonly running = new Map<number, number>();

  /** Takes a slot or throws the 429; call the returned function exactly once when the export ends. */
  acquire(userId: number): () => void {
    const count = this.running.get(userId) ?? 0;
    if (count >= LIMITS.concurrentExports) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        `At most ${LIMITS.concurrentExports} exports may run at once; wait for one to finish`,
      );
    }
    this.running.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(userId) ?? 1) - 1;
      if (left > 0) this.running.set(userId, left);
      else this.running.delete(userId);
    };
  }
}
