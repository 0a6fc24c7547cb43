import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { serviceUnavailable } from '../../common/errors/problem.exception';
import { BoundedSemaphore, QueueFullError } from './bounded-semaphore';
import { hashPassword, verifyPassword } from './password-hash';

/** What a caller is told to wait when the bcrypt queue is full: about one queue's worth of work. */
export const HASHER_BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * bcrypt (async, so hashing never blocks the event loop) at BCRYPT_ROUNDS, 12 by default, over the SHA-256
 * pre-hash of ./password-hash (shared with the demo seed). At most BCRYPT_CONCURRENCY operations run at once:
 * each holds one of libuv's four threads for a quarter of a second, and a storm of sign-ins must not starve the
 * file and DNS work that shares them. Up to BCRYPT_QUEUE_LIMIT more wait; beyond that the request gets a 503.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;
  private readonly slots: BoundedSemaphore;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.slots = new BoundedSemaphore(config.bcryptConcurrency, config.bcryptQueueLimit);
  }

  hash(password: string): Promise<string> {
    return this.limited(() => hashPassword(password, this.config.bcryptRounds));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.limited(() => verifyPassword(password, hash));
  }

  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    // Computed outside the slots: it is made once, and a caller waiting on it must not hold a slot meanwhile.
    this.dummyHash ??= hashPassword('timing-equaliser-not-a-password', this.config.bcryptRounds);
    const hash = await this.dummyHash;
    await this.limited(() => verifyPassword(password, hash));
    return false;
  }

  private async limited<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await this.slots.run(operation);
    } catch (error) {
      if (error instanceof QueueFullError) {
        throw serviceUnavailable(
          'Too many passwords are being checked right now; try again in a few seconds',
          HASHER_BUSY_RETRY_AFTER_SECONDS,
        );
      }
      throw error;
    }
  }
}
