import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import {
  LIMITS,
  NUMBER_REQUEST_STATUSES,
  NUMBER_TYPES,
  NumberRequest,
  NumberRequestStatus,
  NumberType,
} from '@hh/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { trimString } from '../../../common/http/transforms';
import type { NumberRequestEntity } from '../number-request.entity';

export class NumberRequestDto implements NumberRequest {
  @ApiProperty({ example: 5 }) id!: number;
  @ApiProperty({ example: 42 }) userId!: number;
  @ApiProperty({ example: '909', nullable: true, type: String }) areaCode!: string | null;
  @ApiProperty({ example: 'Riverside', nullable: true, type: String }) cityPreference!: string | null;
  @ApiProperty({ enum: NUMBER_TYPES, example: 'local' }) numberType!: NumberType;
  @ApiProperty({ example: 'Acme Roofing', nullable: true, type: String }) businessName!: string | null;
  @ApiProperty({ example: 'https://acme-roofing.example', nullable: true, type: String }) businessWebsite!:
    | string
    | null;
  @ApiProperty({ example: 'A local line for our new branch', nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ enum: NUMBER_REQUEST_STATUSES, example: 'pending' }) status!: NumberRequestStatus;
  @ApiProperty({ nullable: true, type: String, example: null }) adminNotes!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: null }) assignedNumberId!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) processedAt!: string | null;
}

export function toNumberRequestDto(row: NumberRequestEntity): NumberRequestDto {
  return {
    id: row.id,
    userId: row.userId,
    areaCode: row.areaCode,
    cityPreference: row.cityPreference,
    numberType: row.numberType,
    businessName: row.businessName,
    businessWebsite: row.businessWebsite,
    reason: row.reason,
    status: row.status,
    adminNotes: row.adminNotes,
    assignedNumberId: row.assignedNumberId,
    createdAt: row.createdAt.toISOString(),
    processedAt: row.processedAt ? row.processedAt.toISOString() : null,
  };
}

export class CreateNumberRequestDto {
  @ApiProperty({ enum: NUMBER_TYPES, example: 'local' })
  @IsIn(NUMBER_TYPES)
  numberType!: NumberType;

  @ApiPropertyOptional({ example: '909', description: 'Three digits' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Matches(/^\d{3}$/, { message: 'must be 3 digits' })
  areaCode?: string;

  @ApiPropertyOptional({ example: 'Riverside', maxLength: 100 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  cityPreference?: string;

  @ApiPropertyOptional({ example: 'Acme Roofing', maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  businessName?: string;

  @ApiPropertyOptional({ example: 'https://acme-roofing.example', maxLength: 255 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(255)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: true },
    { message: 'must be an http(s) URL' },
  )
  businessWebsite?: string;

  @ApiPropertyOptional({ example: 'A local line for our new branch', maxLength: LIMITS.textMaxLength })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.textMaxLength)
  reason?: string;
}

export class NumberRequestStatusFilterDto {
  @ApiPropertyOptional({ enum: NUMBER_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(NUMBER_REQUEST_STATUSES)
  status?: NumberRequestStatus;
}

export class ListNumberRequestsQueryDto extends IntersectionType(NumberRequestStatusFilterDto, PageQueryDto) {}
