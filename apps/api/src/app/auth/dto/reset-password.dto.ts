import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ResetPasswordRequest } from '@hh/contracts';
import { ONE_TIME_TOKEN_PATTERN } from '../one-time-token';
import { IsAcceptablePassword } from '../password-policy';

/**
 * POST /auth/password/reset. Two-factor (when it exists) adds the code fields here, and PasswordResetService's
 * assertSecondFactor checks them.
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
}
