import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityLogEntity } from './activity-log.entity';
import { ActivityFeedSubscriber } from './activity-feed.subscriber';
import { ActivityService } from './activity.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ActivityLogEntity])],
  providers: [ActivityService, ActivityFeedSubscriber],
  exports: [ActivityService],
})
export class ActivityModule {}
