import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { AdminRecording, Recording, RECORDING_STATUSES, RecordingStatus } from '@hh/contracts';
import { IdQuery } from '../../../common/http/integer-query';
import { PageQueryDto } from '../../../common/http/pagination';
import type { RecordingRow, RecordingWithUser } from '../recordings.repository';

class RecordingOwnerDto {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: 'Jane Doe' }) name!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
}

export class RecordingDto implements Recording {
  @ApiProperty({ example: 311 }) id!: number;
  @ApiProperty({ example: 1201 }) callId!: number;

  @ApiProperty({
    enum: RECORDING_STATUSES,
    example: 'completed',
    description: 'processing (the audio is being written), completed (playable), failed, deleted (audio removed)',
  })
  status!: RecordingStatus;

  @ApiProperty({
    example: 30,
    description: 'Seconds of audio: the call’s talk time (at most 600 with the mock provider, 14400 with real calls)',
  })
  durationSeconds!: number;

  @ApiProperty({ example: 480044, description: 'Bytes of audio; 0 until completed and once deleted' })
  sizeBytes!: number;

  @ApiProperty({ example: 'wav', description: 'wav: 8 kHz mono 16-bit PCM' })
  format!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:15:35.000Z' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2027-02-22T10:15:35.000Z',
    description: 'When the audio is deleted under the retention policy',
  })
  expiresAt!: string;
}

export class AdminRecordingDto extends RecordingDto implements AdminRecording {
  @ApiProperty({ example: 42 }) userId!: number;

  @ApiProperty({ type: RecordingOwnerDto, nullable: true, description: 'Whose recording it is (userId)' })
  user!: RecordingOwnerDto | null;
}

/** GET /admin/recordings: a page, optionally one user's, created within from/to. */
export class AdminRecordingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'Created on or after (ISO 8601 date or date-time, UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Created on or before; a date alone includes that whole day',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IdQuery({ example: 42, description: 'Only this user’s recordings; all users when absent' })
  userId?: number;
}

export function toRecordingDto(row: RecordingRow): RecordingDto {
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    durationSeconds: row.durationSeconds,
    sizeBytes: row.sizeBytes,
    format: row.format,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

export function toAdminRecordingDto(row: RecordingWithUser): AdminRecordingDto {
  return { ...toRecordingDto(row), userId: row.userId, user: row.user };
}

export class RecordingListDto {
  @ApiProperty({ type: [RecordingDto] }) data!: RecordingDto[];
}
