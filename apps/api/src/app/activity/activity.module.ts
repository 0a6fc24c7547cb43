import { Global, Module } from '@nestjs/common';
import { ActivityFeedSubscriber } from './activity-feed.subscriber';
import { ActivityLogRepository } from './activity-log.repository';
import { ActivityService } from './activity.service';

/** Global: every feature records its actions through ActivityService, and the admin console reads the trail through it. */
@Global()
@Module({
  providers: [ActivityLogRepository, ActivityService, ActivityFeedSubscriber],
  exports: [ActivityService],
})
export class ActivityModule {}
