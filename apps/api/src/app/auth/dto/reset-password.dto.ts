import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ResetPasswordRequest } from '@hh/contracts';
import { ONE_TIME_TOKEN_PATTERN } from '../one-time-token';
import { IsAcceptablePassword } from '../password-policy';

/**
 * POST /auth/password/reset. With two-factor on, `code` or `recoveryCode` is required too (PasswordResetService's
 * assertSecondFactor checks it): a reset never bypasses two-factor.
 */
export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({
    description: 'The token of the link (/voip/reset-password#token=…): 43 base64url characters',
    example: 'q3Jx0n0m8o2sV3H1cGk8m0d3E2l5ZQ9zR6bVwYtUaXc',
  })
  @IsString()
  @Matches(ONE_TIME_TOKEN_PATTERN, { message: 'is invalid, already used or expired: ask for a new link' })
  token!: string;

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
    default: true,
    description: 'Also revoke every API key of the account (true unless false is sent)',
  })
  @IsOptional()
  @IsBoolean()
  revokeApiKeys?: boolean;

  @ApiPropertyOptional({
    description:
      'Required when the account has two-factor on (else a 400 on code): the current 6-digit code of the ' +
      'authenticator app, or send recoveryCode instead',
    example: '492039',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'must be the 6-digit code of your authenticator app' })
  code?: string;

  @ApiPropertyOptional({ description: 'One unused recovery code, instead of code', example: 'k7m2-p9xq-4hrt-bw3n' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  recoveryCode?: string;
}
