import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { FAILURE_LIMITS, FailureLimitName } from '@hh/contracts';
import { tooManyRequests } from '../errors/problem.exception';
import { isRateLimitStorage, RateLimitStorage } from './rate-limit.storage';

/**
 * FAILURE_LIMITS on the throttler's storage (in memory, or Redis shared by every instance): only failures are
 * counted, and once a subject (an account's email, a client IP) reaches the limit, every attempt is refused
 * before it is checked — a right guess then gets the same 429 as a wrong one — until the window has passed.
 */
@Injectable()
export class FailureLimiter {
  private readonly storage: RateLimitStorage;

  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage) {
    if (!isRateLimitStorage(storage)) throw new Error('FailureLimiter needs a RateLimitStorage (blockedFor)');
    this.storage = storage;
  }

  /** 429 with Retry-After while the subject is blocked. */
  async assertAllowed(name: FailureLimitName, subject: string): Promise<void> {
    const seconds = await this.storage.blockedFor(keyOf(name, subject), name);
    if (seconds > 0) throw tooManyRequests(blockedMessage(name, seconds), seconds);
  }

  /** Counts one failure; the limit-th failure starts the block (its own answer is unchanged). */
  async recordFailure(name: FailureLimitName, subject: string): Promise<void> {
    const { limit, windowMs } = FAILURE_LIMITS[name];
    // The storage blocks once hits exceed its limit: limit - 1 makes the limit-th failure the last one answered.
    await this.storage.increment(keyOf(name, subject), windowMs, limit - 1, windowMs, name);
  }
}

function keyOf(name: FailureLimitName, subject: string): string {
  return createHash('sha256').update(`${name}:${subject}`).digest('hex');
}

function blockedMessage(name: FailureLimitName, retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  const { limit, windowMs } = FAILURE_LIMITS[name];
  const window = `${windowMs / 60_000} minutes`;
  switch (name) {
    case 'loginAccount':
      return `Too many failed sign-ins for this account (${limit} per ${window}); try again in ${wait}`;
    case 'authentication':
      return `Too many failed authentications from this address (${limit} per ${window}); try again in ${wait}`;
  }
}
