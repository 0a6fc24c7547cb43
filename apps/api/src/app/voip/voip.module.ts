import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CallPlanRepository } from './call-plan.repository';
import { MockVoipProvider } from './mock-voip-provider';
import { KamailioRpc } from './sip/kamailio-rpc';
import { SipCredentialsService } from './sip/sip-credentials.service';
import { SipVoipProvider } from './sip/sip-voip-provider';
import { TelephonyController } from './telephony.controller';
import { VOIP_PROVIDER, VoipProvider } from './voip-provider';
import { VoipService } from './voip.service';

/**
 * Chooses the provider behind the seam (VOIP_PROVIDER: the mock, or real calls through Kamailio) and exports
 * VoipService over it; serves what the browser needs to know of telephony (GET /telephony, GET /sip/credentials).
 * The SIP server's side (the authorize endpoint, the event inbox) is sip/sip.module.ts.
 */
@Module({
  controllers: [TelephonyController],
  providers: [
    {
      provide: VOIP_PROVIDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): VoipProvider =>
        config.voip.sip
          ? new SipVoipProvider(new KamailioRpc(config.voip.sip.rpcUrl), config.voip.sip.domain)
          : new MockVoipProvider(),
    },
    CallPlanRepository,
    VoipService,
    SipCredentialsService,
  ],
  exports: [VoipService],
})
export class VoipModule {}
