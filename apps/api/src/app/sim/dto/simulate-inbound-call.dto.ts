import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { INBOUND_CALL_SCENARIOS, InboundCallScenario, SimulateInboundCallRequest } from '@hh/contracts';

export class SimulateInboundCallDto implements SimulateInboundCallRequest {
  @ApiProperty({
    example: '+19095550100',
    description: 'The called number: one assigned to an active user (E.164 or a national US format)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  to!: string;

  @ApiPropertyOptional({
    example: '+12125550147',
    description: "The outside caller's number; default: a made-up +1 …555-01xx number",
  })
  // Absent means the default; null is not a number.
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @MaxLength(32)
  from?: string;

  @ApiPropertyOptional({
    enum: INBOUND_CALL_SCENARIOS,
    default: 'caller_waits',
    description:
      'caller_waits: the caller stays until the callee answers and hangs up, or 25 s without an answer (no_answer); ' +
      'caller_hangs_up_ringing: the caller gives up after ~8 s of ringing (no_answer, missed); ' +
      'caller_hangs_up_after_10s: once answered, the caller hangs up 10 s later (completed, 10 s)',
  })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(INBOUND_CALL_SCENARIOS)
  scenario?: InboundCallScenario;
}
