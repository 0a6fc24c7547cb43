import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ChangePasswordRequest, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@hh/contracts';
import { IsAcceptablePassword } from '../../auth/password-policy';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ example: 'Old-passw0rd' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: '8–100 characters with an uppercase letter and a digit; not a commonly used password',
    example: 'N3w-Lantern-Osprey',
  })
  @IsAcceptablePassword()
  newPassword!: string;
}
