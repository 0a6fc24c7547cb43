import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { ACTIVITY_ACTIONS, ActivityAction, LEGACY_ACTIVITY_ACTIONS } from '@hh/contracts';
import { IdQuery } from '../../../common/http/integer-query';
import { PageQueryDto } from '../../../common/http/pagination';

export class ActivityFiltersDto {
  @IdQuery({ example: 42, description: 'Who acted' })
  userId?: number;

  @ApiPropertyOptional({
    enum: ACTIVITY_ACTIONS,
    example: 'number_assigned',
    description: `Former spellings are accepted and mean the current one: ${Object.entries(LEGACY_ACTIVITY_ACTIONS)
      .map(([old, current]) => `${old} (${current})`)
      .join(', ')}`,
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(LEGACY_ACTIVITY_ACTIONS, value)
      ? LEGACY_ACTIVITY_ACTIONS[value]
      : value,
  )
  @IsIn(ACTIVITY_ACTIONS)
  action?: ActivityAction;

  @ApiPropertyOptional({
    example: 'phone_number',
    description: 'What was acted on: user, phone_number, number_request…',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,50}$/, { message: 'must be 1–50 lowercase letters or underscores' })
  entityType?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'On or after (ISO 8601 date or date-time, UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'On or before; a date alone includes that whole day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ListActivityQueryDto extends IntersectionType(ActivityFiltersDto, PageQueryDto) {}
