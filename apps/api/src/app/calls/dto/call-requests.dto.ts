import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  AnalyticsRange,
  CALL_DIRECTIONS,
  CALL_SORTS,
  CALL_STATUSES,
  CallDirection,
  CallSort,
  CallStatus,
  LIMITS,
  PlaceCallRequest,
  RecordCallOption,
} from '@hh/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class PlaceCallDto implements PlaceCallRequest, RecordCallOption {
  @ApiProperty({ example: '+15005550004', description: 'E.164 or a national US format, e.g. (909) 687-4971' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  toNumber!: string;

  @ApiPropertyOptional({ example: '+19095550100', description: 'One of your assigned numbers; default: your first' })
  // Absent means the default; null is not a number (IsOptional would let it through to the service: a 500).
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @MaxLength(32)
  fromNumber?: string;

  @ApiPropertyOptional({ example: 'Follow-up on quote #1042', maxLength: LIMITS.textMaxLength })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.textMaxLength)
  notes?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Record this call even when its number does not record calls (the parties are told)',
  })
  // null is not a choice: a 400 rather than a silent "no".
  @ValidateIf((_dto, value) => value !== undefined)
  @IsBoolean()
  record?: boolean;
}

export class UpdateCallDto {
  @ApiPropertyOptional({
    enum: CALL_STATUSES,
    example: 'canceled',
    description: 'Hang up: initiated/ringing → canceled, in_progress → completed. Any other transition is a 409',
  })
  // null is not a status: a 400, not a 409 about a transition nobody asked for.
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(CALL_STATUSES)
  status?: CallStatus;

  @ApiPropertyOptional({ example: 'Left a voicemail', maxLength: LIMITS.textMaxLength, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(LIMITS.textMaxLength)
  notes?: string | null;
}

export class SendDigitsDto {
  @ApiProperty({ example: '1234#', description: 'DTMF digits: 0-9, * and #, at most 32' })
  @IsString()
  @Matches(/^[0-9*#]{1,32}$/, { message: 'must be 1–32 of the characters 0-9, * and #' })
  digits!: string;
}

/** from/to of GET /calls/stats and GET /admin/analytics (AnalyticsRange: the same two fields). */
export class DateRangeQueryDto implements AnalyticsRange {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Start time on or after (ISO 8601 date or date-time, UTC)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Start time on or before; a date alone includes that whole day',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** GET /calls/stats: the range, and optionally one direction. */
export class CallStatsQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional({ enum: CALL_DIRECTIONS, description: 'Only calls placed (outbound) or received (inbound)' })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection;
}

export class CallFiltersDto extends DateRangeQueryDto {
  @ApiPropertyOptional({ enum: CALL_STATUSES })
  @IsOptional()
  @IsIn(CALL_STATUSES)
  status?: CallStatus;

  @ApiPropertyOptional({ enum: CALL_DIRECTIONS })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection;

  @ApiPropertyOptional({ type: Boolean, description: 'Only recorded calls (true) or only calls not recorded (false)' })
  @IsOptional()
  // A query string carries text: "true"/"false" become booleans, anything else stays and fails the check.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'recorded must be true or false' })
  recorded?: boolean;

  @ApiPropertyOptional({ example: '909687', description: 'Digits found in either number' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  q?: string;

  @ApiPropertyOptional({ enum: CALL_SORTS, default: '-startTime' })
  @IsOptional()
  @IsIn(CALL_SORTS)
  sort?: CallSort;
}

/** GET /calls and GET /admin/calls: the filters plus page and pageSize. */
export class ListCallsQueryDto extends IntersectionType(CallFiltersDto, PageQueryDto) {}

export class ExportCallsQueryDto extends CallFiltersDto {
  @ApiPropertyOptional({ enum: ['csv'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';
}
