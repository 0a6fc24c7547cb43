import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailAcceptedResponse, normalizeEmail } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { fieldError } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { ActivityService } from '../activity/activity.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { passwordChangedMail, passwordResetMail } from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { EmailTokenRepository } from './email-token.repository';
import { INVALID_LINK } from './email-verification.service';
import { hashOneTimeToken, newOneTimeToken } from './one-time-token';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/** A reset link lives this long. */
export const PASSWORD_RESET_TTL_MS = 3600_000;

/** The one answer of POST /auth/password/forgot, whatever the address. */
export const FORGOT_PASSWORD_ANSWER: MailAcceptedResponse = {
  message: 'If an account uses this address, we sent it a link to choose a new password. The link works for 1 hour.',
};

/**
 * Password reset by e-mail: POST /auth/password/forgot sends a single-use link (1 hour) to a known address and
 * answers the same for any address, as fast (the mail goes through the outbox, so no SMTP time shows); POST
 * /auth/password/reset applies the password rules, ends every session and (by default) every API key, and tells
 * the user by e-mail.
 *
 * A reset never bypasses two-factor: with it on, `assertSecondFactor` asks for a TOTP or recovery code as well.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: EmailTokenRepository,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly activity: ActivityService,
    private readonly attempts: AttemptLimiter,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /**
   * Limited per client IP and per address (known or not, so a 429 tells nothing). A suspended account gets no
   * link. Known and unknown addresses both write one transaction (the token, the outbox row and its job, or only
   * the activity row) and answer alike.
   */
  async forgot(emailRaw: string, client: ClientContext): Promise<MailAcceptedResponse> {
    const email = normalizeEmail(emailRaw);
    await this.attempts.consume('passwordForgot', { ip: client.ip ?? 'unknown' });
    await this.attempts.consume('passwordForgotAccount', { account: email });
    const user = await this.users.findWithPasswordHash({ email });
    const now = this.clock.now();
    if (!user || user.status === 'suspended') {
      await this.activity.record({
        action: 'password_reset_requested',
        userId: user?.id ?? null,
        entityType: 'user',
        entityId: user?.id,
        details: { email, sent: false, reason: user ? 'suspended' : 'unknown_email' },
        client,
      });
      return FORGOT_PASSWORD_ANSWER;
    }
    await this.dataSource.transaction(async (em) => {
      const { token, tokenHash } = newOneTimeToken();
      await this.tokens.endUnused(user.id, 'reset_password', now, em);
      await this.tokens.insert(
        {
          userId: user.id,
          purpose: 'reset_password',
          tokenHash,
          email: user.email,
          createdAt: now,
          expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
        },
        em,
      );
      await this.mail.queue(em, {
        to: user.email,
        userId: user.id,
        mail: passwordResetMail(user.name),
        link: this.mail.link(`/voip/reset-password#token=${token}`),
      });
      await this.activity.record(
        {
          action: 'password_reset_requested',
          userId: user.id,
          entityType: 'user',
          entityId: user.id,
          details: { email, sent: true },
          client,
        },
        em,
      );
    });
    return FORGOT_PASSWORD_ANSWER;
  }

  /**
   * Sets the new password from a reset link: the token must be unused, unexpired and for the account's current
   * address (400 on `token` otherwise). Every session and, unless revokeApiKeys is false, every API key ends; the
   * address counts as verified (the link reached it); the user is told by e-mail.
   */
  async reset(dto: ResetPasswordDto, client: ClientContext): Promise<void> {
    await this.attempts.consume('passwordReset', { ip: client.ip ?? 'unknown' });
    const tokenHash = hashOneTimeToken(dto.token);
    // A cheap look first, so a bad token costs no bcrypt hash; checked again under the lock below.
    await this.dataSource.transaction(async (em) => this.validToken(tokenHash, em));
    const passwordHash = await this.hasher.hash(dto.newPassword);
    const revokeApiKeys = dto.revokeApiKeys ?? true;
    const now = this.clock.now();
    // A refused second factor is counted once the transaction has rolled back (it holds the user's row).
    await this.twoFactor.withRejectionsCounted(
      () =>
        this.dataSource.transaction(async (em) => {
          const { row, user } = await this.validToken(tokenHash, em);
          await this.assertSecondFactor(user, dto, client, em);
          await this.tokens.markUsed(row.id, now, em);
          await this.tokens.endUnused(user.id, 'reset_password', now, em);
          await this.users.update(
            user.id,
            user.emailVerifiedAt ? { passwordHash } : { passwordHash, emailVerifiedAt: now },
            em,
          );
          await this.sessions.revokeAllOfUser(user.id, 'password_reset', undefined, em);
          const apiKeysRevoked = revokeApiKeys ? await this.apiKeys.revokeAllOfUser(user.id, em) : 0;
          await this.mail.queue(em, {
            to: user.email,
            userId: user.id,
            mail: passwordChangedMail(user.name, revokeApiKeys),
          });
          await this.activity.record(
            {
              action: 'password_reset',
              userId: user.id,
              entityType: 'user',
              entityId: user.id,
              details: { email: user.email, revokeApiKeys, apiKeysRevoked },
              client,
            },
            em,
          );
        }),
      client,
    );
  }

  /**
   * With two-factor on, the reset also needs the current TOTP code or an unused recovery code (400 on code when it
   * is missing or wrong; wrong ones count towards the two-factor limit, then 429), checked in the reset's
   * transaction, so a refused code leaves the link usable.
   */
  private async assertSecondFactor(
    user: UserEntity,
    dto: ResetPasswordDto,
    client: ClientContext,
    em: EntityManager,
  ): Promise<void> {
    if (!(await this.twoFactor.isEnabled(user.id))) return;
    if (dto.code === undefined && dto.recoveryCode === undefined) {
      throw fieldError(
        'code',
        'is required: this account has two-factor on; send the current code of your authenticator app, or a recovery code as recoveryCode',
      );
    }
    if (dto.code !== undefined && dto.recoveryCode !== undefined) {
      throw fieldError('recoveryCode', 'cannot be sent together with code');
    }
    const factor = dto.code !== undefined ? { code: dto.code } : { recoveryCode: dto.recoveryCode ?? '' };
    await this.twoFactor.verifyInTransaction(user.id, factor, 'password_reset', client, em);
  }

  private async validToken(tokenHash: string, em: EntityManager) {
    const row = await this.tokens.lockByHash(tokenHash, em);
    const now = this.clock.now();
    if (!row || row.purpose !== 'reset_password' || row.usedAt || row.expiresAt.getTime() <= now.getTime()) {
      throw fieldError('token', INVALID_LINK);
    }
    const user = await this.users.lock(row.userId, 'write', em);
    if (!user || user.email !== row.email) throw fieldError('token', INVALID_LINK);
    return { row, user };
  }
}
