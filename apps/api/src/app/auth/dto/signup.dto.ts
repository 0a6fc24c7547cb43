import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NAME_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SignupRequest,
} from '@hh/contracts';
import { trimString } from '../../../common/http/transforms';
import { IsAcceptablePassword } from '../password-policy';

export class SignupDto implements SignupRequest {
  @ApiProperty({ minLength: NAME_MIN_LENGTH, maxLength: NAME_MAX_LENGTH, example: 'Jane Doe' })
  @Transform(trimString)
  @IsString()
  @Length(NAME_MIN_LENGTH, NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ maxLength: EMAIL_MAX_LENGTH, example: 'jane@example.com', description: 'Case-insensitive, unique' })
  @Transform(trimString)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'must be an email address' })
  email!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'Lantern-Osprey-7',
    description: '8–100 characters with an uppercase letter and a digit; not a commonly used password',
  })
  @IsAcceptablePassword()
  password!: string;
}
