import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { UpdateMyNumberRequest } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';

/** PATCH /numbers/{id}: at least one of the fields. */
export class UpdateMyNumberDto implements UpdateMyNumberRequest {
  @ApiPropertyOptional({ example: 'Sales line', maxLength: 100, nullable: true, type: String })
  @Transform(trimString)
  @ValidateIf((_dto, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(100)
  friendlyName?: string | null;

  @ApiPropertyOptional({
    example: true,
    description: 'Record the calls from (outbound) and to (inbound) this number; the parties are told',
  })
  // null is not a choice: a 400 rather than a silent "no".
  @ValidateIf((_dto, value) => value !== undefined)
  @IsBoolean()
  recordCalls?: boolean;
}
