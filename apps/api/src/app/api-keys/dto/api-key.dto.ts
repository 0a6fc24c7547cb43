import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { API_KEY_STATUSES, ApiKey, ApiKeyStatus } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';
import type { ApiKeyEntity } from '../api-key.entity';

export class ApiKeyDto implements ApiKey {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 'CRM integration' }) keyName!: string;
  @ApiProperty({ example: 'hh_live_AbC1', description: 'The first characters of the key, to recognise it' })
  prefix!: string;
  @ApiProperty({ format: 'date-time' }) creationDate!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expirationDate!: string | null;
  @ApiProperty({ enum: API_KEY_STATUSES, example: 'active' }) status!: ApiKeyStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsed!: string | null;
  @ApiProperty({ example: 12 }) usageCount!: number;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'hh_live_AbC1dEf2GhI3jKl4MnO5pQr6StU7vWx8YzA9bCd0',
    description: 'The key itself: shown this once, stored only as a hash. Send it as X-API-Key.',
  })
  key!: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'CRM integration', maxLength: 100, default: 'Default Key' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  keyName?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2027-06-30T00:00:00.000Z',
    description: 'Must be in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export function toApiKeyDto(row: ApiKeyEntity, now: Date): ApiKeyDto {
  const expired = row.status === 'active' && row.expirationDate !== null && row.expirationDate <= now;
  return {
    id: row.id,
    keyName: row.keyName,
    prefix: row.prefix,
    creationDate: row.creationDate.toISOString(),
    expirationDate: row.expirationDate ? row.expirationDate.toISOString() : null,
    status: expired ? 'expired' : row.status,
    lastUsed: row.lastUsed ? row.lastUsed.toISOString() : null,
    usageCount: row.usageCount,
  };
}
