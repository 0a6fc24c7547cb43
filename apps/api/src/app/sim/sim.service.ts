import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../../common/audit/audit-context';
import { CallPlacementService } from '../calls/call-placement.service';
import type { CallDto } from '../calls/dto/call.dto';
import { SimulateInboundCallDto } from './dto/simulate-inbound-call.dto';

/**
 * Simulations for trying the portal without a telephone network (mock provider only): a call from outside to a
 * user's number. The call itself is the calls feature's (a durable, planned callee leg); this feature only exposes it.
 */
@Injectable()
export class SimService {
  constructor(private readonly placement: CallPlacementService) {}

  inboundCall(audit: AuditContext, dto: SimulateInboundCallDto): Promise<CallDto> {
    return this.placement.simulateInbound(audit, dto);
  }
}
