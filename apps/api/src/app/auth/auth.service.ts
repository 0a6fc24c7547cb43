import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangePasswordRequest, normalizeEmail } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { withDeadlockRetry } from '../../common/database/deadlock-retry';
import type { ClientContext } from '../../common/http/client-context';
import { fieldError, forbidden, unauthorized } from '../../common/errors/problem.exception';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { FailureLimiter } from '../../common/rate-limit/failure-limiter';
import { ActivityService } from '../activity/activity.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { toUserDto } from '../users/dto/user.dto';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { MfaChallengeDto } from '../two-factor/dto/two-factor.dto';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { AccessTokenService } from './access-token.service';
import { AuthResponseDto } from './dto/auth-response.dto';
import { EmailVerificationService } from './email-verification.service';
import { LoginDto } from './dto/login.dto';
import { SignupDto } from './dto/signup.dto';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

const INVALID_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly activity: ActivityService,
    private readonly failures: FailureLimiter,
    private readonly attempts: AttemptLimiter,
    private readonly apiKeys: ApiKeysService,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
    private readonly emailVerification: EmailVerificationService,
  ) {}

  /** New accounts are clients awaiting approval; they are signed in at once. */
  async signup(dto: SignupDto, client: ClientContext): Promise<AuthResponseDto> {
    await this.attempts.consume('signup', { ip: client.ip ?? 'unknown' });
    const passwordHash = await this.hasher.hash(dto.password);
    // Concurrent sign-ups of one email can deadlock on its unique key: the retry then meets the duplicate (409).
    const { user, refresh } = await withDeadlockRetry(() =>
      this.dataSource.transaction(async (em) => {
        const user = await this.users.create(
          { name: dto.name, email: dto.email, passwordHash, role: 'client', status: 'pending' },
          em,
        );
        await this.activity.record(
          {
            action: 'signup',
            userId: user.id,
            entityType: 'user',
            entityId: user.id,
            details: { email: user.email },
            client,
          },
          em,
        );
        await this.emailVerification.issue(user, client, em);
        return { user, refresh: await this.sessions.start(user.id, client, em) };
      }),
    );
    return this.authResponse(user, refresh.sessionId, refresh.refreshToken);
  }

  /**
   * 401 alike for an unknown email and a wrong password; 403 for a suspended account; pending may sign in.
   * Failures are also counted per email (known or not, so a 429 tells nothing either): a guess spread over
   * many client IPs is limited too. With two-factor on, the right password earns an mfaToken for the second step
   * (POST /auth/login/mfa, TwoFactorAuthService) instead of a session.
   */
  async login(dto: LoginDto, client: ClientContext): Promise<AuthResponseDto | MfaChallengeDto> {
    const account = normalizeEmail(dto.email);
    await this.failures.assertAllowed('loginAccount', account);
    const user = await this.users.findWithPasswordHash({ email: dto.email });
    const valid = user
      ? await this.hasher.verify(dto.password, user.passwordHash)
      : await this.hasher.verifyAgainstNothing(dto.password);
    if (!user || !valid) {
      await this.failures.recordFailure('loginAccount', account);
      await this.activity.record({
        action: 'login_failed',
        userId: user?.id ?? null,
        entityType: 'user',
        entityId: user?.id,
        details: { email: account, reason: user ? 'wrong_password' : 'unknown_email' },
        client,
      });
      throw unauthorized(INVALID_CREDENTIALS);
    }
    if (user.status === 'suspended') {
      await this.activity.record({
        action: 'login_failed',
        userId: user.id,
        entityType: 'user',
        entityId: user.id,
        details: { email: user.email, reason: 'suspended' },
        client,
      });
      throw forbidden('Your account is suspended; contact support');
    }
    if (await this.twoFactor.isEnabled(user.id)) {
      const challenge = await this.twoFactor.issueChallenge(user.id);
      await this.activity.record({
        action: 'two_factor_challenged',
        userId: user.id,
        entityType: 'user',
        entityId: user.id,
        client,
      });
      return challenge;
    }
    const now = this.clock.now();
    const refresh = await this.dataSource.transaction(async (em) => {
      await this.users.update(user.id, { lastLogin: now }, em);
      await this.activity.record(
        { action: 'login', userId: user.id, entityType: 'user', entityId: user.id, client },
        em,
      );
      return this.sessions.start(user.id, client, em);
    });
    user.lastLogin = now;
    return this.authResponse(user, refresh.sessionId, refresh.refreshToken);
  }

  async refresh(refreshToken: string | undefined, client: ClientContext): Promise<AuthResponseDto> {
    if (!refreshToken) throw unauthorized('No refresh token: send refreshToken or the hh_refresh cookie');
    const rotated = await this.sessions.rotate(refreshToken, client);
    const user = await this.users.findById(rotated.userId);
    if (!user) throw unauthorized('The refresh token is invalid, expired or revoked');
    if (user.status === 'suspended') {
      await this.sessions.revoke(rotated.sessionId, 'suspended');
      throw forbidden('Your account is suspended; contact support');
    }
    return this.authResponse(user, rotated.sessionId, rotated.refreshToken);
  }

  /** Ends the caller's session (and the cookie's, when it is the same user's), so both tokens stop at once. */
  async logout(refreshToken: string | undefined, { actor: principal, client }: AuditContext): Promise<void> {
    const sessionIds = new Set<string>();
    if (principal.sessionId) sessionIds.add(principal.sessionId);
    if (refreshToken) {
      const other = await this.sessions.sessionIdOfRefreshToken(refreshToken);
      const live = other ? await this.sessions.findLive(other) : null;
      if (other && live?.user.id === principal.userId) sessionIds.add(other);
    }
    for (const id of sessionIds) await this.sessions.revoke(id, 'logout');
    await this.activity.record({
      action: 'logout',
      userId: principal.userId,
      entityType: 'session',
      details: { sessions: sessionIds.size },
      client,
    });
  }

  /**
   * Changes the password and revokes every other session of the user, and with revokeApiKeys every API key too
   * (a key made by whoever stole the old password would outlive it otherwise). Wrong current password: 400.
   */
  async changePassword(
    { currentPassword, newPassword, revokeApiKeys = false }: ChangePasswordRequest,
    { actor: principal, client }: AuditContext,
  ) {
    await this.attempts.consume('password', { userId: principal.userId });
    const user = await this.users.findWithPasswordHash({ id: principal.userId });
    if (!user || !(await this.hasher.verify(currentPassword, user.passwordHash))) {
      throw fieldError('currentPassword', 'is incorrect');
    }
    if (currentPassword === newPassword) throw fieldError('newPassword', 'must differ from the current password');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (em) => {
      await this.users.update(user.id, { passwordHash }, em);
      await this.sessions.revokeAllOfUser(user.id, 'password_change', principal.sessionId, em);
      const apiKeysRevoked = revokeApiKeys ? await this.apiKeys.revokeAllOfUser(user.id, em) : 0;
      await this.activity.record(
        {
          action: 'password_changed',
          userId: user.id,
          entityType: 'user',
          entityId: user.id,
          details: { revokeApiKeys, apiKeysRevoked },
          client,
        },
        em,
      );
    });
  }

  private async authResponse(user: UserEntity, sessionId: string, refreshToken: string): Promise<AuthResponseDto> {
    return {
      user: toUserDto(user),
      accessToken: await this.accessTokens.issue(user.id, sessionId),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.accessTtlSeconds,
    };
  }
}
