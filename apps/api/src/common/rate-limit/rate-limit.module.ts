import { DynamicModule, Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config';
import { AttemptLimiter } from './attempt-limiter';
import { FailureLimiter } from './failure-limiter';
import { RATE_LIMIT_THROTTLERS } from './rate-limit.guard';
import { MemoryThrottlerStorage } from './rate-limit.storage';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * The rate limits' storage (Redis when REDIS_URL is set, else this process's memory), shared by the request
 * limits of RateLimitGuard and AttemptLimiter and the failure limits of FailureLimiter.
 */
@Global()
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: RATE_LIMIT_THROTTLERS,
          storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : new MemoryThrottlerStorage(),
        }),
      ],
      providers: [FailureLimiter, AttemptLimiter],
      exports: [FailureLimiter, AttemptLimiter],
    };
  }
}
