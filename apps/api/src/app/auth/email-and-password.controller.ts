import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { RATE_LIMITS } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, Public } from '../../common/decorators/auth.decorators';
import { Client, ClientContext } from '../../common/http/client-context';
import { ProblemDto } from '../../common/http/problem.dto';
import { ForgotPasswordDto } from './dto/forgot-password.dto';
import { MailAcceptedDto } from './dto/mail-accepted.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { VerifyEmailDto } from './dto/verify-email.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';

const perWindow = (name: keyof typeof RATE_LIMITS) =>
  `${RATE_LIMITS[name].limit} per ${RATE_LIMITS[name].windowMs / 60_000} minutes`;

/** E-mail verification and password reset by e-mailed links (the links carry their token in the URL fragment). */
@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('auth')
export class EmailAndPasswordController {
  constructor(
    private readonly verification: EmailVerificationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Post('email/verify')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Verify an e-mail address with the token of its link',
    description:
      'The link (APP_BASE_URL/voip/verify-email#token=…) is single use and lives 48 hours; only the newest one ' +
      'sent to a user works. For the new address of an e-mail change, the address takes effect now and the old ' +
      'address is told. A malformed, unknown, used or expired token is a 400 on `token`. No sign-in needed.',
  })
  @ApiNoContentResponse({ description: 'Verified' })
  @ApiConflictResponse({
    description: 'The new address of a change was taken by another account meanwhile',
    type: ProblemDto,
  })
  async verifyEmail(@Body() dto: VerifyEmailDto, @Client() client: ClientContext): Promise<void> {
    await this.verification.verify(dto.token, client);
  }

  @Post('email/verify/resend')
  @Authenticated({ sessionOnly: true })
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send my verification link again',
    description: `The earlier links stop working. Limited to ${perWindow('emailVerifyResend')} per user.`,
  })
  @ApiAcceptedResponse({ type: MailAcceptedDto })
  @ApiConflictResponse({ description: 'The address is already verified', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many links asked for; see Retry-After', type: ProblemDto })
  resend(@Audit() audit: AuditContext): Promise<MailAcceptedDto> {
    return this.verification.resend(audit);
  }

  @Post('password/forgot')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Ask for a password-reset link',
    description:
      'Always 202 with the same body, for known and unknown addresses alike, in about the same time (the mail is ' +
      'sent in the background). A known, not suspended account gets a link (APP_BASE_URL/voip/reset-password' +
      '#token=…) that is single use and lives 1 hour. Limited to ' +
      `${perWindow('passwordForgot')} per client IP and ${perWindow('passwordForgotAccount')} per address ` +
      '(known or not).',
  })
  @ApiAcceptedResponse({ type: MailAcceptedDto })
  @ApiTooManyRequestsResponse({ description: 'Too many requests; see Retry-After', type: ProblemDto })
  forgot(@Body() dto: ForgotPasswordDto, @Client() client: ClientContext): Promise<MailAcceptedDto> {
    return this.passwordReset.forgot(dto.email, client);
  }

  @Post('password/reset')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Choose a new password with the token of a reset link',
    description:
      'Applies the password rules; every session of the account ends and, unless revokeApiKeys is false, every ' +
      'API key; the user is told by e-mail. A malformed, unknown, used or expired token is a 400 on `token`. ' +
      `Limited to ${perWindow('passwordReset')} per client IP.`,
  })
  @ApiNoContentResponse({ description: 'Password changed; sign in with it' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After', type: ProblemDto })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords being hashed; see Retry-After', type: ProblemDto })
  async reset(@Body() dto: ResetPasswordDto, @Client() client: ClientContext): Promise<void> {
    await this.passwordReset.reset(dto, client);
  }
}
