import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, ForgotPasswordRequest } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'jane@example.com' })
  @Transform(trimString)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;
}
