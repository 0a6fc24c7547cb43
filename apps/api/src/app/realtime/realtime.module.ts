import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { RealtimeBus } from './realtime-bus';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [RealtimeBus, EventStreams],
  exports: [RealtimeBus],
})
export class RealtimeModule {}
