import { Module } from '@nestjs/common';
import { MockVoipProvider } from './mock-voip-provider';
import { VOIP_PROVIDER } from './voip-provider';

/** Chooses the provider behind the seam (VOIP_PROVIDER; only the mock so far). */
@Module({
  providers: [{ provide: VOIP_PROVIDER, useFactory: () => new MockVoipProvider() }],
  exports: [VOIP_PROVIDER],
})
export class VoipModule {}
