import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { SimController } from './sim.controller';
import { SimService } from './sim.service';

/** POST /sim/inbound-calls: simulated calls from outside (mock provider), placed through the calls feature. */
@Module({
  imports: [CallsModule],
  controllers: [SimController],
  providers: [SimService],
})
export class SimModule {}
