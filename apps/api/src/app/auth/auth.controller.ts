import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FAILURE_LIMITS, RATE_LIMITS } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, CurrentPrincipal, Public } from '../../common/decorators/auth.decorators';
import { Client, ClientContext } from '../../common/http/client-context';
import { ProblemDto } from '../../common/http/problem.dto';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import type { Principal } from '../../common/guards/principal';
import { toUserDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { MfaChallengeDto } from '../two-factor/dto/two-factor.dto';
import { AuthService } from './auth.service';
import { AuthResponseDto } from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { SignupDto } from './dto/signup.dto';
import { clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('signup')
  @Public()
  @ApiOperation({
    summary: 'Create an account',
    description:
      'New accounts are clients awaiting approval (status pending). Also sets the hh_refresh cookie. Limited to ' +
      `${RATE_LIMITS.signup.limit} sign-ups per hour per client IP.`,
  })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiConflictResponse({ description: 'The email is already registered', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many sign-ups; see Retry-After', type: ProblemDto })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords being hashed; see Retry-After', type: ProblemDto })
  async signup(
    @Body() dto: SignupDto,
    @Client() client: ClientContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    const result = await this.auth.signup(dto, client);
    setRefreshCookie(reply, result.refreshToken, this.config);
    return result;
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      `Limited to ${RATE_LIMITS.login.limit} attempts per ${RATE_LIMITS.login.windowMs / 60_000} minutes per ` +
      `client IP (every attempt counts), and to ${FAILURE_LIMITS.loginAccount.limit} failed attempts per ` +
      `${FAILURE_LIMITS.loginAccount.windowMs / 60_000} minutes per email, whether or not an account has it ` +
      '(then every attempt for it is a 429 until the window has passed). Sets the hh_refresh cookie. When the ' +
      'account has two-factor on, the answer is {mfaRequired: true, mfaToken} instead (no session, no cookie yet): ' +
      'POST /auth/login/mfa completes the sign-in.',
  })
  @ApiExtraModels(MfaChallengeDto)
  @ApiOkResponse({
    description: 'Signed in; or, with two-factor on, the mfaToken of the second step',
    schema: { oneOf: [{ $ref: getSchemaPath(AuthResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] },
  })
  @ApiUnauthorizedResponse({ description: 'Invalid email or password', type: ProblemDto })
  @ApiForbiddenResponse({ description: 'The account is suspended', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After', type: ProblemDto })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords being hashed; see Retry-After', type: ProblemDto })
  async login(
    @Body() dto: LoginDto,
    @Client() client: ClientContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto | MfaChallengeDto> {
    const result = await this.auth.login(dto, client);
    if ('refreshToken' in result) setRefreshCookie(reply, result.refreshToken, this.config);
    return result;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'The token comes from the body or the hh_refresh cookie and is rotated: the old one stops working. ' +
      'Presenting an already-rotated token revokes the whole session (theft detection).',
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Missing, unknown, expired, revoked or reused refresh token',
    type: ProblemDto,
  })
  async refresh(
    @Body() dto: RefreshTokenDto,
    @Client() client: ClientContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    try {
      const result = await this.auth.refresh(dto.refreshToken ?? refreshCookieOf(request), client);
      setRefreshCookie(reply, result.refreshToken, this.config);
      return result;
    } catch (error) {
      clearRefreshCookie(reply, this.config);
      throw error;
    }
  }

  @Post('logout')
  @Authenticated({ sessionOnly: true })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this session: its refresh token and its access token stop working at once' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @Body() dto: RefreshTokenDto,
    @Audit() audit: AuditContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(dto.refreshToken ?? refreshCookieOf(request), audit);
    clearRefreshCookie(reply, this.config);
  }

  @Get('me')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return toUserDto(await this.users.getById(principal.userId));
  }
}
