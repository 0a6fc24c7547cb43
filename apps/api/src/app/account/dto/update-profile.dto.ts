import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NAME_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  UpdateProfileRequest,
} from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ minLength: NAME_MIN_LENGTH, maxLength: NAME_MAX_LENGTH, example: 'Jane Doe' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(NAME_MIN_LENGTH, NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({
    maxLength: EMAIL_MAX_LENGTH,
    example: 'jane.doe@example.com',
    description:
      'A new e-mail address (needs currentPassword). It takes effect once the link sent to it is followed ' +
      '(POST /auth/email/verify); the current address is told of the request.',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string;

  @ApiPropertyOptional({ maxLength: PASSWORD_MAX_LENGTH, description: 'Required with email', example: 'Old-passw0rd' })
  @IsOptional()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword?: string;
}
