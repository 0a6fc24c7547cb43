import { Module } from '@nestjs/common';
import { RollupsRepository } from './rollups.repository';
import { RollupsService } from './rollups.service';

/**
 * The call figures kept for reading (user_analytics and the rollups): written by the call engine in each call's
 * final transaction, read by the admin console; users/ creates each user's user_analytics row. Other features use
 * RollupsService; RollupsRepository stays inside.
 */
@Module({
  providers: [RollupsRepository, RollupsService],
  exports: [RollupsService],
})
export class AnalyticsModule {}
