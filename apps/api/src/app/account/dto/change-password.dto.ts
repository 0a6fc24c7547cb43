import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Also revoke every API key of the account, so that whoever learnt the old password cannot keep using a key ' +
      'made with it. The web form sends true unless the user unticks it.',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  revokeApiKeys?: boolean;
}
