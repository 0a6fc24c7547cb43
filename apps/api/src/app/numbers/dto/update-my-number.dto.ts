import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { trimString } from '../../../common/http/transforms';

export class UpdateMyNumberDto {
  @ApiProperty({ example: 'Sales line', maxLength: 100, nullable: true, type: String })
  @Transform(trimString)
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(100)
  friendlyName!: string | null;
}
