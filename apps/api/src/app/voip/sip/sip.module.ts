import { Module } from '@nestjs/common';
import { CallsModule } from '../../calls/calls.module';
import { SipAuthorizeService } from './sip-authorize.service';
import { SipEventInbox } from './sip-event-inbox';
import { SipEventRepository } from './sip-event.repository';
import { SipInternalController } from './sip-internal.controller';
import { SipServerGuard } from './sip-server.guard';

/**
 * The SIP server's side of real calls (docs/telephony.md): POST /internal/sip/authorize, and the SipEventInbox worker
 * that applies the sip_events inbox (SipEventRepository, the table's only reader). Both act on calls through the
 * calls feature's services, which is why this is a module of its own rather than part of VoipModule (which calls/
 * imports). In mock mode the endpoint answers 404 and the worker does not start.
 */
@Module({
  imports: [CallsModule],
  controllers: [SipInternalController],
  providers: [SipAuthorizeService, SipEventRepository, SipEventInbox, SipServerGuard],
})
export class SipModule {}
