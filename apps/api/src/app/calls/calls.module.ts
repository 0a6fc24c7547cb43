import { forwardRef, Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ContactsModule } from '../contacts/contacts.module';
import { NumbersModule } from '../numbers/numbers.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { VoipModule } from '../voip/voip.module';
import { CallEngine } from './call-engine';
import { CallPlacementService } from './call-placement.service';
import { CallPolicy } from './call-policy';
import { CallQueriesService } from './call-queries.service';
import { CallRepository } from './call.repository';
import { CallStatsService } from './call-stats.service';
import { CallsController } from './calls.controller';
import { ExportSlots } from './export-slots';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

/**
 * The calls feature: placement (CallPlacementService, under CallPolicy's rules), reading and export
 * (CallQueriesService), statistics (CallStatsService), the durable CallEngine; every query of calls, call_events and
 * idempotency_keys is in CallRepository and IdempotencyKeyRepository. The provider is reached through voip/
 * (VoipService) only, the caller's numbers through NumbersService, the rollups through RollupsService. The SIP
 * server's side of real calls (voip/sip) places and updates calls through CallPlacementService and CallEngine.
 */
@Module({
  // RecordingsModule reads calls through CallQueriesService and CallEngine calls it: each imports the other.
  imports: [VoipModule, AnalyticsModule, NumbersModule, ContactsModule, forwardRef(() => RecordingsModule)],
  controllers: [CallsController],
  providers: [
    CallRepository,
    IdempotencyKeyRepository,
    CallPolicy,
    CallPlacementService,
    CallQueriesService,
    CallStatsService,
    CallEngine,
    ExportSlots,
  ],
  exports: [CallQueriesService, CallPlacementService, CallEngine],
})
export class CallsModule {}
