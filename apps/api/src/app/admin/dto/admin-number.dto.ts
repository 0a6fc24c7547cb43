import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  AdminCreateNumberRequest,
  MONTHLY_COST_MAX,
  NUMBER_STATUSES,
  NUMBER_TYPES,
  NumberImportLine,
  NumberImportResult,
  NumberStatus,
  NumberType,
} from '@hh/contracts';
import { IdQuery } from '../../../common/http/integer-query';
import { PageQueryDto } from '../../../common/http/pagination';
import { trimString } from '../../../common/http/transforms';

export const FRIENDLY_NAME_MAX = 100;
export const CITY_MAX = 100;
export const STATE_MAX = 50;
export const COUNTRY_MAX = 50;

export class NumberFiltersDto {
  @ApiPropertyOptional({
    example: '909555',
    description: 'Digits found in the number (when q is only digits and phone punctuation), or part of the name',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: NUMBER_STATUSES })
  @IsOptional()
  @IsIn(NUMBER_STATUSES)
  status?: NumberStatus;

  @ApiPropertyOptional({ enum: NUMBER_TYPES })
  @IsOptional()
  @IsIn(NUMBER_TYPES)
  numberType?: NumberType;

  @IdQuery({ example: 42, description: 'Only the numbers of this user' })
  ownerId?: number;
}

export class ListNumbersQueryDto extends IntersectionType(NumberFiltersDto, PageQueryDto) {}

const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class CreateNumberDto implements AdminCreateNumberRequest {
  @ApiProperty({ example: '(909) 555-0142', description: 'E.164 or a national US format; stored as E.164' })
  @IsString()
  @Length(1, 32)
  phoneNumber!: string;

  @ApiPropertyOptional({ example: 'Riverside main line', maxLength: FRIENDLY_NAME_MAX })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(FRIENDLY_NAME_MAX)
  friendlyName?: string;

  @ApiPropertyOptional({ example: 'Riverside', maxLength: CITY_MAX })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(CITY_MAX)
  locationCity?: string;

  @ApiPropertyOptional({ example: 'CA', maxLength: STATE_MAX })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(STATE_MAX)
  locationState?: string;

  @ApiPropertyOptional({ example: 'US', default: 'US', maxLength: COUNTRY_MAX })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, COUNTRY_MAX)
  locationCountry?: string;

  @ApiPropertyOptional({ enum: NUMBER_TYPES, default: 'local' })
  @IsOptional()
  @IsIn(NUMBER_TYPES)
  numberType?: NumberType;

  @ApiPropertyOptional({ example: 1.5, default: 0, minimum: 0, maximum: MONTHLY_COST_MAX, description: '2 decimals' })
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONTHLY_COST_MAX)
  monthlyCost?: number;
}

/**
 * Absent fields stay as they are. `ownerId` assigns (a user id) or releases (null); the text fields take null to
 * clear them.
 */
export class UpdateNumberDto {
  @ApiPropertyOptional({
    example: true,
    description: 'Record the calls from (outbound) and to (inbound) this number; the parties are told',
  })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsBoolean()
  recordCalls?: boolean;

  @ApiPropertyOptional({
    example: 42,
    nullable: true,
    type: Number,
    description:
      'A user id assigns the number (status assigned; the user must exist and be active); null releases it (status available)',
  })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  ownerId?: number | null;

  @ApiPropertyOptional({
    enum: NUMBER_STATUSES,
    example: 'suspended',
    description:
      'available, pending or suspended for a number nobody holds (release it first, or send ownerId: null too); assigned comes with an ownerId',
  })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(NUMBER_STATUSES)
  status?: NumberStatus;

  @ApiPropertyOptional({ example: 'Front desk', maxLength: FRIENDLY_NAME_MAX, nullable: true, type: String })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @Transform(trimString)
  @IsString()
  @MaxLength(FRIENDLY_NAME_MAX)
  friendlyName?: string | null;

  @ApiPropertyOptional({ example: 2.5, minimum: 0, maximum: MONTHLY_COST_MAX })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONTHLY_COST_MAX)
  monthlyCost?: number;

  @ApiPropertyOptional({ example: 'Riverside', maxLength: CITY_MAX, nullable: true, type: String })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @Transform(trimString)
  @IsString()
  @MaxLength(CITY_MAX)
  locationCity?: string | null;

  @ApiPropertyOptional({ example: 'CA', maxLength: STATE_MAX, nullable: true, type: String })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @Transform(trimString)
  @IsString()
  @MaxLength(STATE_MAX)
  locationState?: string | null;

  @ApiPropertyOptional({ example: 'US', maxLength: COUNTRY_MAX, nullable: true, type: String })
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @Transform(trimString)
  @IsString()
  @MaxLength(COUNTRY_MAX)
  locationCountry?: string | null;

  @ApiPropertyOptional({ enum: NUMBER_TYPES, example: 'local' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(NUMBER_TYPES)
  numberType?: NumberType;
}

export class NumberImportLineDto implements NumberImportLine {
  @ApiProperty({ example: 4, description: 'Line of the file; the header is line 1' })
  line!: number;

  @ApiProperty({ example: 'phoneNumber "555-0100" is not a valid phone number' })
  message!: string;
}

export class NumberImportResultDto implements NumberImportResult {
  @ApiProperty({ example: 120 }) created!: number;

  @ApiProperty({ example: 3, description: 'Rows whose number already exists or appears earlier in the file' })
  skipped!: number;

  @ApiProperty({ type: [NumberImportLineDto], description: 'Rows refused as invalid, each with the reason' })
  errors!: NumberImportLineDto[];

  @ApiProperty({
    type: [NumberImportLineDto],
    description: 'Why each skipped row was skipped',
    example: [{ line: 7, message: '+19095550142 already exists' }],
  })
  skippedRows!: NumberImportLineDto[];
}
