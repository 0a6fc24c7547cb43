import { Module } from '@nestjs/common';
import { CallPlanRepository } from './call-plan.repository';
import { MockVoipProvider } from './mock-voip-provider';
import { VOIP_PROVIDER } from './voip-provider';
import { VoipService } from './voip.service';

/** Chooses the provider behind the seam (VOIP_PROVIDER; only the mock so far) and exports VoipService over it. */
@Module({
  providers: [{ provide: VOIP_PROVIDER, useFactory: () => new MockVoipProvider() }, CallPlanRepository, VoipService],
  exports: [VoipService],
})
export class VoipModule {}
