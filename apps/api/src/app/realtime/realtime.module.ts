import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsController } from './events.controller';
import { RealtimeBus } from './realtime-bus.service';

@Global()
@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [RealtimeBus],
  exports: [RealtimeBus],
})
export class RealtimeModule {}
