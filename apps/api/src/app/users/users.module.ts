import { Global, Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/**
 * Global: users are referenced by most features (owners, actors, requesters), which reach the `users` table only
 * through UsersService (account rules, lookups, row locks, the admin list); UserRepository stays inside.
 */
@Global()
@Module({
  imports: [AnalyticsModule],
  providers: [UsersService, UserRepository],
  exports: [UsersService],
})
export class UsersModule {}
