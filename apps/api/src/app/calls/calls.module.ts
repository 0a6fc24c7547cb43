import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VoipModule } from '../voip/voip.module';
import { CallEngine } from './call-engine.service';
import { CallEventEntity } from './call-event.entity';
import { CallEntity } from './call.entity';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { ExportSlots } from './export-slots';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CallEntity, CallEventEntity, IdempotencyKeyEntity]), VoipModule],
  controllers: [CallsController],
  providers: [CallsService, CallEngine, ExportSlots],
  exports: [CallsService, CallEngine],
})
export class CallsModule {}
