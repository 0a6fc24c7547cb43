import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import {
  AdminUpdateUserRequest,
  AdminUser,
  AdminUserDetail,
  NAME_MAX_LENGTH,
  NAME_MIN_LENGTH,
  USER_ROLES,
  USER_STATUSES,
  UserAnalytics,
  UserRole,
  UserStatus,
} from '@hh/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { trimString } from '../../../common/http/transforms';
import type { UserAnalyticsEntity } from '../../analytics/user-analytics.entity';
import { PhoneNumberDto } from '../../numbers/dto/phone-number.dto';
import { UserDto } from '../../users/dto/user.dto';

export class AdminUserDto extends UserDto implements AdminUser {
  @ApiProperty({ example: 128, description: 'Finished calls (user_analytics.total_calls)' })
  totalCalls!: number;

  @ApiProperty({ example: 2, description: 'Phone numbers assigned to the user' })
  numbersCount!: number;
}

export class UserAnalyticsDto implements UserAnalytics {
  @ApiProperty({ example: 128 }) totalCalls!: number;
  @ApiProperty({ example: 97 }) successfulCalls!: number;
  @ApiProperty({ example: 22 }) failedCalls!: number;
  @ApiProperty({ example: 9 }) canceledCalls!: number;
  @ApiProperty({ example: 10_350 }) totalDurationSeconds!: number;
  @ApiProperty({ example: 3.84 }) totalCost!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:15:00.000Z' })
  lastCallDate!: string | null;
}

export class AdminUserDetailDto extends UserDto implements AdminUserDetail {
  @ApiProperty({ type: UserAnalyticsDto, description: 'Call totals; zeros when the user never called' })
  analytics!: UserAnalyticsDto;

  @ApiProperty({ type: [PhoneNumberDto], description: 'Numbers assigned to the user' })
  numbers!: PhoneNumberDto[];
}

export function toUserAnalyticsDto(row: UserAnalyticsEntity | null): UserAnalyticsDto {
  return {
    totalCalls: row?.totalCalls ?? 0,
    successfulCalls: row?.successfulCalls ?? 0,
    failedCalls: row?.failedCalls ?? 0,
    canceledCalls: row?.canceledCalls ?? 0,
    totalDurationSeconds: row?.totalDurationSeconds ?? 0,
    totalCost: row ? Number(row.totalCost) : 0,
    lastCallDate: row?.lastCallDate ? row.lastCallDate.toISOString() : null,
  };
}

export class UserFiltersDto {
  @ApiPropertyOptional({ example: 'jane', description: 'Part of the name or email' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;
}

export class ListUsersQueryDto extends IntersectionType(UserFiltersDto, PageQueryDto) {}

/** Absent fields stay as they are; null is refused (400), never stored. */
export class UpdateUserDto implements AdminUpdateUserRequest {
  @ApiPropertyOptional({ enum: USER_ROLES, example: 'admin' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({
    enum: USER_STATUSES,
    example: 'active',
    description: 'active approves or reactivates, suspended suspends (and ends every session); no way back to pending',
  })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ example: 'Jane Doe', minLength: NAME_MIN_LENGTH, maxLength: NAME_MAX_LENGTH })
  @ValidateIf((_dto, value) => value !== undefined)
  @Transform(trimString)
  @IsString()
  @Length(NAME_MIN_LENGTH, NAME_MAX_LENGTH)
  name?: string;
}
