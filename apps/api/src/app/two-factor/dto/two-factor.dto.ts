import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  MfaChallenge,
  MfaLoginRequest,
  PASSWORD_MAX_LENGTH,
  RecoveryCodes,
  TotpSetup,
  TWO_FACTOR,
  TwoFactorStatus,
} from '@hh/contracts';

/** Six digits; a space in the middle ("123 456") is accepted, as authenticator apps show them so. */
const CODE_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;
const CODE_MESSAGE = 'must be the 6-digit code of your authenticator app';

export class TotpCodeDto {
  @ApiProperty({ description: 'The current 6-digit code of the authenticator app', example: '492039' })
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}

export class DisableTwoFactorDto {
  @ApiProperty({ description: 'The account password', example: 'Lantern-Osprey-7' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({
    description: 'The current 6-digit code of the authenticator app, or one of the unused recovery codes',
    example: '492039',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;
}

export class MfaLoginDto implements MfaLoginRequest {
  @ApiProperty({ description: 'The mfaToken POST /auth/login answered', example: 'Xq2h…' })
  @IsString()
  @Length(1, 100)
  mfaToken!: string;

  @ApiPropertyOptional({ description: 'The current 6-digit code (or send recoveryCode instead)', example: '492039' })
  @ValidateIf((dto: MfaLoginDto) => dto.recoveryCode === undefined || dto.code !== undefined)
  @IsString({ message: 'or recoveryCode is required' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({
    description: 'One of the unused recovery codes, instead of code',
    example: 'k7m2-p9xq-4hrt-bw3n',
  })
  @ValidateIf((dto: MfaLoginDto) => dto.recoveryCode !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  recoveryCode?: string;
}

export class TwoFactorStatusDto implements TwoFactorStatus {
  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-12-03T18:30:00.000Z' })
  enabledAt!: string | null;

  @ApiProperty({ description: 'Unused recovery codes left', example: TWO_FACTOR.recoveryCodes })
  recoveryCodesRemaining!: number;

  @ApiProperty({ description: 'True for an admin while REQUIRE_ADMIN_MFA is set: two-factor must be turned on' })
  required!: boolean;
}

export class TotpSetupDto implements TotpSetup {
  @ApiProperty({
    description: 'The secret as base32 text, to type into an authenticator app',
    example: 'JBSWY3DPEHPK3PXP…',
  })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Hardhat%20Hosting:jane%40example.com?issuer=Hardhat%20Hosting&secret=…' })
  otpauthUrl!: string;

  @ApiProperty({ description: 'The QR code of otpauthUrl as a PNG data: URL', example: 'data:image/png;base64,iVBOR…' })
  qrCodeDataUrl!: string;
}

export class RecoveryCodesDto implements RecoveryCodes {
  @ApiProperty({
    type: [String],
    description: `${TWO_FACTOR.recoveryCodes} single-use codes, shown this once (only their hashes are kept)`,
    example: ['k7m2-p9xq-4hrt-bw3n'],
  })
  recoveryCodes!: string[];
}

export class MfaChallengeDto implements MfaChallenge {
  @ApiProperty({ enum: [true], example: true })
  mfaRequired!: true;

  @ApiProperty({
    description:
      `Opaque and single use, valid ${TWO_FACTOR.challengeTtlSeconds / 60} minutes; only POST /auth/login/mfa ` +
      'accepts it (it is no access token)',
    example: 'Xq2h…',
  })
  mfaToken!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T18:35:00.000Z' })
  expiresAt!: string;
}
