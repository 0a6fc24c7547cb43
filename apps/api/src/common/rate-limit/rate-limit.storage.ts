import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

/**
 * The throttler storage plus a look that counts nothing: the failure limits (./failure-limiter) must refuse a
 * blocked subject before the check it would fail, and count only the failures.
 */
export interface RateLimitStorage extends ThrottlerStorage {
  /** Seconds left of the key's block, 0 when it is not blocked. */
  blockedFor(key: string, throttlerName: string): Promise<number>;
}

export function isRateLimitStorage(storage: ThrottlerStorage): storage is RateLimitStorage {
  return typeof (storage as Partial<RateLimitStorage>).blockedFor === 'function';
}

/** @nestjs/throttler's in-memory storage (one instance; no REDIS_URL), able to tell a block without a hit. */
export class MemoryThrottlerStorage extends ThrottlerStorageService implements RateLimitStorage {
  async blockedFor(key: string): Promise<number> {
    const record = this.storage.get(key);
    if (!record?.isBlocked) return 0;
    return Math.max(0, Math.ceil((record.blockExpiresAt - Date.now()) / 1000));
  }
}
