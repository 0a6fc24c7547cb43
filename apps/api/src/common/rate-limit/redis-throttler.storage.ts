import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';
import { MemoryThrottlerStorage, RateLimitStorage } from './rate-limit.storage';

/**
 * Keeps the rate-limit counters in Redis (REDIS_URL), so several API instances share one budget per user/IP.
 * One Lua script increments, starts the window, and blocks atomically; times come back in seconds like the
 * in-memory storage of @nestjs/throttler.
 */
const INCREMENT_SCRIPT = `
local hits_key = KEYS[1]
local block_key = KEYS[2]
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local block_ttl = redis.call('PTTL', block_key)
if block_ttl > 0 then
  return { tonumber(redis.call('GET', hits_key) or limit + 1), redis.call('PTTL', hits_key), 1, block_ttl }
end
local hits = redis.call('INCR', hits_key)
if hits == 1 then redis.call('PEXPIRE', hits_key, ttl) end
local hits_ttl = redis.call('PTTL', hits_key)
if hits > limit then
  redis.call('SET', block_key, '1', 'PX', block)
  return { hits, hits_ttl, 1, block }
end
return { hits, hits_ttl, 0, 0 }
`;

export class RedisThrottlerStorage implements RateLimitStorage, OnModuleDestroy {
  private readonly redis: Redis;
  /** While Redis is unreachable each instance limits on its own, rather than failing every request with a 500. */
  private readonly fallback = new MemoryThrottlerStorage();
  private readonly logger = new Logger('RateLimit');
  private usingFallback = false;

  constructor(
    url: string,
    private readonly prefix = 'hh:rl:',
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // Once Redis is known to be down, requests do not wait on ioredis' retries; its reconnection brings it back.
    if (this.usingFallback && this.redis.status !== 'ready') {
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    try {
      const record = await this.incrementInRedis(key, ttl, limit, blockDuration, throttlerName);
      if (this.usingFallback) this.logger.log('Redis is back: rate limits are shared again');
      this.usingFallback = false;
      return record;
    } catch (error) {
      if (!this.usingFallback) {
        this.logger.warn(
          `Redis is unreachable (${(error as Error).message}): rate limits are per instance until it returns`,
        );
      }
      this.usingFallback = true;
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async blockedFor(key: string, throttlerName: string): Promise<number> {
    if (this.usingFallback && this.redis.status !== 'ready') return this.fallback.blockedFor(key);
    try {
      const blockTtl = await this.redis.pttl(`${this.prefix}${throttlerName}:${key}:block`);
      return Math.max(0, Math.ceil(blockTtl / 1000));
    } catch {
      return this.fallback.blockedFor(key);
    }
  }

  private async incrementInRedis(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    const [hits, hitsTtl, blocked, blockTtl] = (await this.redis.eval(
      INCREMENT_SCRIPT,
      2,
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    )) as [number, number, number, number];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(hitsTtl / 1000)),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.max(0, Math.ceil(blockTtl / 1000)),
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.fallback.onApplicationShutdown();
    await this.redis.quit().catch(() => undefined);
  }
}
