import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RATE_LIMITS, TWO_FACTOR } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, CurrentPrincipal, Public } from '../../common/decorators/auth.decorators';
import { Client, ClientContext } from '../../common/http/client-context';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import {
  DisableTwoFactorDto,
  MfaLoginDto,
  RecoveryCodesDto,
  TotpCodeDto,
  TotpSetupDto,
  TwoFactorStatusDto,
} from '../two-factor/dto/two-factor.dto';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { AuthResponseDto } from './dto/auth-response.dto';
import { setRefreshCookie } from './refresh-cookie';
import { TwoFactorAuthService } from './two-factor-auth.service';

const LIMIT_TEXT =
  `After ${TWO_FACTOR.failureLimit} wrong codes (TOTP or recovery) in ${TWO_FACTOR.failureWindowMs / 60_000} ` +
  'minutes every attempt of the user is refused with a 429 until the window has passed.';

@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('auth')
export class TwoFactorLoginController {
  constructor(
    private readonly twoFactorAuth: TwoFactorAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login/mfa')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Second step of a sign-in with two-factor on',
    description:
      'POST /auth/login answers {mfaRequired: true, mfaToken} when the account has two-factor on. Send that token ' +
      'with the current 6-digit code of the authenticator app (one 30-second step either side is accepted, a code ' +
      'never twice) or with one unused recovery code. The answer is that of a sign-in, with the hh_refresh cookie. ' +
      `The mfaToken lives ${TWO_FACTOR.challengeTtlSeconds / 60} minutes, is used up by a successful second step ` +
      `and is accepted nowhere else (it is no access token). ${LIMIT_TEXT}`,
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Unknown, expired or used mfaToken; wrong, replayed or used code',
    type: ProblemDto,
  })
  @ApiForbiddenResponse({ description: 'The account is suspended', type: ProblemDto })
  @ApiConflictResponse({ description: 'Two-factor was turned off meanwhile; sign in again', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes; see Retry-After', type: ProblemDto })
  async loginMfa(
    @Body() dto: MfaLoginDto,
    @Client() client: ClientContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    const result = await this.twoFactorAuth.completeLogin(dto, client);
    setRefreshCookie(reply, result.refreshToken, this.config);
    return result;
  }
}

@ApiTags('account')
@Authenticated({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('me/mfa')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly twoFactorAuth: TwoFactorAuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether two-factor is on, the recovery codes left, and whether it is required of me' })
  @ApiOkResponse({ type: TwoFactorStatusDto })
  status(@CurrentPrincipal() principal: Principal): Promise<TwoFactorStatusDto> {
    return this.twoFactor.status(principal.userId, principal.role);
  }

  @Post('totp')
  @ApiOperation({
    summary: 'Start setting up TOTP two-factor',
    description:
      'A new secret for an authenticator app, as text, as an otpauth:// URI and as a QR code. Two-factor is on only ' +
      'once POST /me/mfa/totp/confirm receives a first code; calling this again replaces a pending secret. The ' +
      'secret is stored encrypted (AES-256-GCM).',
  })
  @ApiCreatedResponse({ type: TotpSetupDto })
  @ApiConflictResponse({ description: 'Two-factor is already on', type: ProblemDto })
  startSetup(@Audit() audit: AuditContext): Promise<TotpSetupDto> {
    return this.twoFactor.startSetup(audit);
  }

  @Post('totp/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Turn two-factor on with a first code',
    description:
      `Answers ${TWO_FACTOR.recoveryCodes} recovery codes, shown this once (only their hashes are kept); each signs ` +
      `in once instead of a code. A wrong code is a 400 on code. ${LIMIT_TEXT}`,
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiConflictResponse({ description: 'No set-up was started, or two-factor is already on', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes; see Retry-After', type: ProblemDto })
  confirm(@Body() dto: TotpCodeDto, @Audit() audit: AuditContext): Promise<RecoveryCodesDto> {
    return this.twoFactor.confirmSetup(dto.code, audit);
  }

  @Post('recovery-codes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replace my recovery codes',
    description:
      'Needs the current code of the authenticator app. The former recovery codes stop working; the new ones are ' +
      `shown this once. ${LIMIT_TEXT}`,
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiConflictResponse({ description: 'Two-factor is off', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes; see Retry-After', type: ProblemDto })
  regenerate(@Body() dto: TotpCodeDto, @Audit() audit: AuditContext): Promise<RecoveryCodesDto> {
    return this.twoFactor.regenerateRecoveryCodes(dto.code, audit);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Turn two-factor off',
    description:
      'Needs the password and a current code (or an unused recovery code). The secret and the recovery codes are ' +
      `deleted. Wrong password: 400 on password; wrong code: 400 on code. Password attempts share the limit of ` +
      `password changes (${RATE_LIMITS.password.limit} per ${RATE_LIMITS.password.windowMs / 60_000} minutes). ` +
      LIMIT_TEXT,
  })
  @ApiNoContentResponse({ description: 'Two-factor is off' })
  @ApiConflictResponse({ description: 'Two-factor is off already', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After', type: ProblemDto })
  async disable(@Body() dto: DisableTwoFactorDto, @Audit() audit: AuditContext): Promise<void> {
    await this.twoFactorAuth.disable(dto, audit);
  }
}
