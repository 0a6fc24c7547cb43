import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AdminNumberRequest, LIMITS, RequestingUser } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';
import { NumberRequestDto, toNumberRequestDto } from '../../number-requests/dto/number-request.dto';
import type { NumberRequestEntity } from '../../number-requests/number-request.entity';
import type { UserEntity } from '../../users/user.entity';

export class RequestingUserDto implements RequestingUser {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: 'Jane Doe' }) name!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
}

export class AdminNumberRequestDto extends NumberRequestDto implements AdminNumberRequest {
  @ApiProperty({ type: RequestingUserDto, description: 'Who asked' })
  user!: RequestingUserDto;
}

export function toAdminNumberRequestDto(
  row: NumberRequestEntity,
  user: Pick<UserEntity, 'id' | 'name' | 'email'>,
): AdminNumberRequestDto {
  return { ...toNumberRequestDto(row), user: { id: user.id, name: user.name, email: user.email } };
}

export class ApproveNumberRequestDto {
  @ApiPropertyOptional({
    example: 7,
    description: 'An available number to assign; without it the best available match is taken (or none)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  numberId?: number;

  @ApiPropertyOptional({ example: 'Assigned a Riverside number', maxLength: LIMITS.textMaxLength })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.textMaxLength)
  adminNotes?: string;
}

export class FulfillNumberRequestDto {
  @ApiProperty({ example: 7, description: 'An available number to assign' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  numberId!: number;

  @ApiPropertyOptional({ example: 'A 909 number came in', maxLength: LIMITS.textMaxLength })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.textMaxLength)
  adminNotes?: string;
}

export class DenyNumberRequestDto {
  @ApiProperty({
    example: 'We have no toll-free numbers for this region',
    minLength: 1,
    maxLength: LIMITS.textMaxLength,
  })
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.textMaxLength)
  adminNotes!: string;
}
