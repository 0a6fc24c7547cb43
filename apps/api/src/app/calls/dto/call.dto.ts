import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Call, CALL_DIRECTIONS, CALL_STATUSES, CallDirection, CallStatus } from '@hh/contracts';
import type { CallEntity } from '../call.entity';

export class CallDto implements Call {
  @ApiProperty({ example: 1201 })
  id!: number;

  @ApiProperty({ example: 42 })
  userId!: number;

  @ApiProperty({ example: '+19095550100', description: 'E.164' })
  fromNumber!: string;

  @ApiProperty({ example: '+15005550004', description: 'E.164' })
  toNumber!: string;

  @ApiProperty({ enum: CALL_DIRECTIONS, example: 'outbound' })
  direction!: CallDirection;

  @ApiProperty({ enum: CALL_STATUSES, example: 'completed' })
  status!: CallStatus;

  @ApiProperty({ example: 30, description: 'Answered time in (simulated) seconds' })
  durationSeconds!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:15:00.000Z' })
  startTime!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:15:35.000Z' })
  endTime!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'MOCK3f1c9d0e8b7a6f5e4d3c2b1a09182736' })
  callSid!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '/api/v1/recordings/311/media',
    description: 'The audio of its recording (GET /recordings/{id}/media) once it has one',
  })
  recordingUrl!: string | null;

  @ApiProperty({
    example: false,
    description: 'Recorded: its number records calls, or POST /calls sent record: true (the parties are told)',
  })
  recorded!: boolean;

  @ApiProperty({ example: 0.02, description: 'ceil(durationSeconds / 60) × rate per minute, 4 decimals' })
  cost!: number;

  @ApiProperty({ nullable: true, type: String, example: 'Called about the invoice' })
  notes!: string | null;

  @ApiPropertyOptional({
    example: 'Dana Whitfield',
    description:
      "The name of your contact holding the other party's number (the caller of an inbound call, the called " +
      'number of an outbound one); absent when none does. On /calls only, not on live events or admin lists.',
  })
  contactName?: string;
}

export function toCallDto(call: CallEntity): CallDto {
  return {
    id: call.id,
    userId: call.userId,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    direction: call.direction,
    status: call.status,
    durationSeconds: call.durationSeconds,
    startTime: call.startTime.toISOString(),
    endTime: call.endTime ? call.endTime.toISOString() : null,
    callSid: call.callSid,
    recordingUrl: call.recordingUrl,
    // An entity just inserted may hold the driver's 0/1 for the TINYINT(1).
    recorded: Boolean(call.recorded),
    cost: Number(call.cost),
    notes: call.notes,
  };
}
