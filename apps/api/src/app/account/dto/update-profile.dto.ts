import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH, UpdateProfileRequest } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiProperty({ minLength: NAME_MIN_LENGTH, maxLength: NAME_MAX_LENGTH, example: 'Jane Doe' })
  @Transform(trimString)
  @IsString()
  @Length(NAME_MIN_LENGTH, NAME_MAX_LENGTH)
  name!: string;
}
