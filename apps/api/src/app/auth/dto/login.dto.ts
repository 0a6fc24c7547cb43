import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, LoginRequest, PASSWORD_MAX_LENGTH } from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';

export class LoginDto implements LoginRequest {
  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'jane@example.com' })
  @Transform(trimString)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, example: 'Lantern-Osprey-7' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}
