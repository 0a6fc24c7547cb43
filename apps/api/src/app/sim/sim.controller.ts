import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, type AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ProblemDto } from '../../common/http/problem.dto';
import { CallDto } from '../calls/dto/call.dto';
import { SimulateInboundCallDto } from './dto/simulate-inbound-call.dto';
import { SimService } from './sim.service';

@ApiTags('sim')
@Authenticated({ roles: ['admin'] })
@Controller('sim')
export class SimController {
  constructor(private readonly sim: SimService) {}

  @Post('inbound-calls')
  @ApiOperation({
    summary: "Simulate a call from outside to a user's number (mock provider only)",
    description:
      "Creates the callee's call (`direction: inbound`, for the number's owner, free): `initiated`, ringing 2 s " +
      'later (live event `call.incoming` to the callee, who answers or declines with POST /calls/{id}/answer or ' +
      '/decline), then as the scenario says. Only the callee has a call: the caller is outside the portal. Times ' +
      'are divided by VOIP_MOCK_SPEED like every mock call.',
  })
  @ApiCreatedResponse({ type: CallDto, description: "The callee's call" })
  @ApiBadRequestResponse({
    description: 'Invalid input (`to` or `from` not a phone number, an unknown scenario); `errors` names each field',
    type: ProblemDto,
  })
  @ApiNotFoundResponse({
    description: 'The number is not assigned to an active user, or the provider is not the mock (VOIP_PROVIDER=sip)',
    type: ProblemDto,
  })
  inboundCall(@Body() dto: SimulateInboundCallDto, @Audit() audit: AuditContext): Promise<CallDto> {
    return this.sim.inboundCall(audit, dto);
  }
}
