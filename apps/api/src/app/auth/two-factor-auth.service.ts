import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import type { ClientContext } from '../../common/http/client-context';
import { badRequest, fieldError, forbidden, unauthorized } from '../../common/errors/problem.exception';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { ActivityService } from '../activity/activity.service';
import { toUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { MfaLoginDto, DisableTwoFactorDto } from '../two-factor/dto/two-factor.dto';
import { SecondFactor, TwoFactorService } from '../two-factor/two-factor.service';
import { AccessTokenService } from './access-token.service';
import { AuthResponseDto } from './dto/auth-response.dto';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/**
 * The parts of two-factor that need the auth feature: the second step of a sign-in (an mfaToken and a code start
 * the session) and turning two-factor off (the password and a code).
 */
@Injectable()
export class TwoFactorAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly twoFactor: TwoFactorService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly attempts: AttemptLimiter,
  ) {}

  /**
   * POST /auth/login/mfa: the mfaToken must be live (401 otherwise), the code right (401, counted), and then the
   * token is used up and a session starts, as a sign-in with a password does (the same answer).
   */
  async completeLogin(dto: MfaLoginDto, client: ClientContext): Promise<AuthResponseDto> {
    const factor = secondFactorOf(dto);
    const { challengeId, userId } = await this.twoFactor.challengeUser(dto.mfaToken);
    const user = await this.users.findById(userId);
    if (!user) throw unauthorized('The mfaToken is invalid, expired or already used; sign in again');
    if (user.status === 'suspended') throw forbidden('Your account is suspended; contact support');
    const now = this.clock.now();
    const refresh = await this.twoFactor.withRejectionsCounted(
      () =>
        this.dataSource.transaction(async (em) => {
          const kind = await this.twoFactor.verifyInTransaction(user.id, factor, 'login', client, em);
          await this.twoFactor.consumeChallenge(challengeId, em);
          await this.users.update(user.id, { lastLogin: now }, em);
          await this.activity.record(
            {
              action: 'login',
              userId: user.id,
              entityType: 'user',
              entityId: user.id,
              details: { secondFactor: kind },
              client,
            },
            em,
          );
          return this.sessions.start(user.id, client, em);
        }),
      client,
    );
    user.lastLogin = now;
    return {
      user: toUserDto(user),
      accessToken: await this.accessTokens.issue(user.id, refresh.sessionId),
      refreshToken: refresh.refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.accessTtlSeconds,
    };
  }

  /**
   * DELETE /me/mfa: the password (400 on password when wrong; the password-change limit counts the attempts) and a
   * TOTP or recovery code (400 on code).
   */
  async disable(dto: DisableTwoFactorDto, { actor, client }: AuditContext): Promise<void> {
    await this.attempts.consume('password', { userId: actor.userId });
    const user = await this.users.findWithPasswordHash({ id: actor.userId });
    if (!user || !(await this.hasher.verify(dto.password, user.passwordHash))) {
      throw fieldError('password', 'is incorrect');
    }
    const code = dto.code.replace(/\s/g, '');
    const factor: SecondFactor = /^\d{6}$/.test(code) ? { code } : { recoveryCode: dto.code };
    await this.twoFactor.withRejectionsCounted(
      () =>
        this.dataSource.transaction(async (em) => {
          await this.twoFactor.verifyInTransaction(user.id, factor, 'disable', client, em, 'code');
          await this.twoFactor.disable(user.id, client, em);
        }),
      client,
    );
  }
}

/** Exactly one of code and recoveryCode. */
function secondFactorOf(dto: MfaLoginDto): SecondFactor {
  if (dto.code !== undefined && dto.recoveryCode !== undefined) {
    throw badRequest('Send either code or recoveryCode, not both', [
      { field: 'recoveryCode', message: 'cannot be sent together with code' },
    ]);
  }
  return dto.code !== undefined ? { code: dto.code } : { recoveryCode: dto.recoveryCode ?? '' };
}
