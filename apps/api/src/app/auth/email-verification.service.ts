import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailAcceptedResponse, normalizeEmail } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { conflict, fieldError } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { AttemptLimiter } from '../../common/rate-limit/attempt-limiter';
import { ActivityService } from '../activity/activity.service';
import {
  emailChangedMail,
  emailChangeRequestedMail,
  emailChangeVerifyMail,
  verifyEmailMail,
} from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import { UsersService } from '../users/users.service';
import { EmailTokenRepository } from './email-token.repository';
import { hashOneTimeToken, newOneTimeToken } from './one-time-token';
import { PasswordHasher } from './password-hasher';

/** A verification link lives this long. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 3600_000;

export const INVALID_LINK = 'is invalid, already used or expired: ask for a new link';

/**
 * Proving e-mail addresses: a new account's (a link sent at sign-up, again on request), and the new address of an
 * e-mail change, which takes effect only when its link is followed (the old address is told). Tokens are random 32
 * bytes, stored as SHA-256, single use, 48 hours; only the newest link of a user works.
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: EmailTokenRepository,
    private readonly mail: MailService,
    private readonly activity: ActivityService,
    private readonly attempts: AttemptLimiter,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** Sends the verification link to the user's address, in the caller's transaction (sign-up, resend). */
  async issue(
    user: { id: number; name: string; email: string },
    client: ClientContext | undefined,
    em: EntityManager,
  ): Promise<void> {
    const link = await this.newToken(user.id, user.email, em);
    await this.mail.queue(em, { to: user.email, userId: user.id, mail: verifyEmailMail(user.name), link });
    await this.activity.record(
      {
        action: 'email_verification_sent',
        userId: user.id,
        entityType: 'user',
        entityId: user.id,
        details: { email: user.email },
        client,
      },
      em,
    );
  }

  /** POST /auth/email/verify/resend: a new link (the earlier ones stop working); 409 when already verified. */
  async resend({ actor, client }: AuditContext): Promise<MailAcceptedResponse> {
    const user = await this.users.getById(actor.userId);
    if (user.emailVerifiedAt) throw conflict('Your e-mail address is already verified');
    await this.attempts.consume('emailVerifyResend', { userId: actor.userId });
    await this.dataSource.transaction((em) => this.issue(user, client, em));
    return { message: `We sent a new verification link to ${user.email}.` };
  }

  /**
   * POST /auth/email/verify: follows a link. For the user's current address it marks it verified; for the new
   * address of an e-mail change it makes that the account's address (verified), ends the other links sent to the
   * old one, and tells the old address. A bad, used or expired token is a 400 on `token`.
   */
  async verify(token: string, client: ClientContext): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const row = await this.tokens.lockByHash(hashOneTimeToken(token), em);
      if (!row || row.purpose !== 'verify_email' || row.usedAt || row.expiresAt.getTime() <= now.getTime()) {
        throw fieldError('token', INVALID_LINK);
      }
      const user = await this.users.lock(row.userId, 'write', em);
      if (!user) throw fieldError('token', INVALID_LINK);
      await this.tokens.markUsed(row.id, now, em);
      if (row.email === user.email) {
        if (!user.emailVerifiedAt) await this.users.update(user.id, { emailVerifiedAt: now }, em);
        await this.activity.record(
          {
            action: 'email_verified',
            userId: user.id,
            entityType: 'user',
            entityId: user.id,
            details: { email: user.email },
            client,
          },
          em,
        );
        return;
      }
      try {
        await this.users.update(user.id, { email: row.email, emailVerifiedAt: now }, em);
      } catch (error) {
        if (isDuplicateEntry(error)) {
          throw conflict('Another account has taken this address meanwhile', [
            { field: 'token', message: 'is for an address another account now uses' },
          ]);
        }
        throw error;
      }
      // Links sent to the old address (a password reset, another change) stop working.
      await this.tokens.endUnused(user.id, 'verify_email', now, em);
      await this.tokens.endUnused(user.id, 'reset_password', now, em);
      await this.mail.queue(em, { to: user.email, userId: user.id, mail: emailChangedMail(user.name, row.email) });
      await this.activity.record(
        {
          action: 'email_changed',
          userId: user.id,
          entityType: 'user',
          entityId: user.id,
          details: { from: user.email, to: row.email, email: row.email },
          client,
        },
        em,
      );
    });
  }

  /**
   * PATCH /me with an e-mail: checks the current password (counted as a password attempt), then sends a link to the
   * new address and a notice to the old one. The address changes only when the link is followed.
   */
  async requestChange(newEmailRaw: string, currentPassword: string | undefined, { actor, client }: AuditContext) {
    if (!currentPassword) throw fieldError('currentPassword', 'is required to change the e-mail address');
    await this.attempts.consume('password', { userId: actor.userId });
    const user = await this.users.findWithPasswordHash({ id: actor.userId });
    if (!user || !(await this.hasher.verify(currentPassword, user.passwordHash))) {
      throw fieldError('currentPassword', 'is incorrect');
    }
    const newEmail = normalizeEmail(newEmailRaw);
    if (newEmail === user.email) throw fieldError('email', 'is already your address');
    const taken = await this.users.findWithPasswordHash({ email: newEmail });
    if (taken) {
      throw conflict('An account with this email already exists', [
        { field: 'email', message: 'is already registered' },
      ]);
    }
    await this.dataSource.transaction(async (em) => {
      const link = await this.newToken(user.id, newEmail, em);
      await this.mail.queue(em, { to: newEmail, userId: user.id, mail: emailChangeVerifyMail(user.name), link });
      await this.mail.queue(em, {
        to: user.email,
        userId: user.id,
        mail: emailChangeRequestedMail(user.name, newEmail),
      });
      await this.activity.record(
        {
          action: 'email_change_requested',
          userId: user.id,
          entityType: 'user',
          entityId: user.id,
          details: { from: user.email, to: newEmail, email: newEmail },
          client,
        },
        em,
      );
    });
  }

  /** Ends the user's unused verification links and makes a new one for `email`; returns the link to send. */
  private async newToken(userId: number, email: string, em: EntityManager): Promise<string> {
    const now = this.clock.now();
    const { token, tokenHash } = newOneTimeToken();
    await this.tokens.endUnused(userId, 'verify_email', now, em);
    await this.tokens.insert(
      {
        userId,
        purpose: 'verify_email',
        tokenHash,
        email,
        createdAt: now,
        expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS),
      },
      em,
    );
    return this.mail.link(`/voip/verify-email#token=${token}`);
  }
}
