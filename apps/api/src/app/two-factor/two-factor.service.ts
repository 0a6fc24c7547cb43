import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toDataURL } from 'qrcode';
import {
  MfaChallenge,
  RecoveryCodes,
  TOTP_CODE_PATTERN,
  TotpSetup,
  TWO_FACTOR,
  TwoFactorStatus,
  UserRole,
} from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuditContext } from '../../common/audit/audit-context';
import type { ClientContext } from '../../common/http/client-context';
import {
  conflict,
  fieldError,
  notFound,
  ProblemException,
  tooManyRequests,
  unauthorized,
} from '../../common/errors/problem.exception';
import { isRateLimitStorage, RateLimitStorage } from '../../common/rate-limit/rate-limit.storage';
import { ActivityService } from '../activity/activity.service';
import { twoFactorResetMail } from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import { UsersService } from '../users/users.service';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { SecretBox } from './secret-box';
import { matchingStep, newTotpSecret, otpauthUrl } from './totp';
import { TwoFactorRepository } from './two-factor.repository';

/** Why a second factor is asked for: recorded with a rejected code, and named in its answer. */
export type SecondFactorPurpose = 'login' | 'confirm' | 'recovery_codes' | 'disable' | 'password_reset';

/** A TOTP code or a recovery code (exactly one), as the second step of an action. */
export interface SecondFactor {
  code?: string;
  recoveryCode?: string;
}

export type SecondFactorKind = 'totp' | 'recovery_code';

const SECRET_PURPOSE = 'totp-secret';
const LIMIT_NAME = 'twoFactor';

/**
 * TOTP two-factor (RFC 6238): setting it up (the secret encrypted at rest, confirmed by a first code), recovery
 * codes (stored as SHA-256, each usable once), checking a second factor (one step either side, never the same step
 * twice, TWO_FACTOR.failureLimit wrong codes per window per user, then 429), the sign-in challenges (mfaToken), and
 * an admin's reset. Passwords are the auth feature's: it checks them before calling disable().
 */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;
  private readonly storage: RateLimitStorage;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ThrottlerStorage) storage: ThrottlerStorage,
    private readonly repository: TwoFactorRepository,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
    private readonly mail: MailService,
  ) {
    this.box = new SecretBox(config.security);
    if (!isRateLimitStorage(storage)) throw new Error('TwoFactorService needs a RateLimitStorage (blockedFor)');
    this.storage = storage;
  }

  async isEnabled(userId: number): Promise<boolean> {
    return Boolean((await this.repository.findTotp(userId))?.enabledAt);
  }

  /** Whether REQUIRE_ADMIN_MFA asks this account to turn two-factor on. */
  isRequiredFor(role: UserRole): boolean {
    return this.config.security.requireAdminMfa && role === 'admin';
  }

  async status(userId: number, role: UserRole): Promise<TwoFactorStatus> {
    const row = await this.repository.findTotp(userId);
    const enabled = Boolean(row?.enabledAt);
    return {
      enabled,
      enabledAt: row?.enabledAt ? row.enabledAt.toISOString() : null,
      recoveryCodesRemaining: enabled ? await this.repository.countUnusedRecoveryCodes(userId) : 0,
      required: this.isRequiredFor(role),
    };
  }

  /** A new secret awaiting its first code; a pending one is replaced. 409 when two-factor is already on. */
  async startSetup({ actor, client }: AuditContext): Promise<TotpSetup> {
    if (await this.isEnabled(actor.userId)) {
      throw conflict('Two-factor authentication is already on; turn it off first to set up a new authenticator');
    }
    const secret = newTotpSecret();
    await this.repository.savePending(actor.userId, this.box.seal(secret, SECRET_PURPOSE), new Date());
    await this.activity.record({
      action: 'two_factor_setup_started',
      userId: actor.userId,
      entityType: 'user',
      entityId: actor.userId,
      client,
    });
    const url = otpauthUrl(secret, actor.email);
    return { secret, otpauthUrl: url, qrCodeDataUrl: await toDataURL(url, { errorCorrectionLevel: 'M', margin: 1 }) };
  }

  /** The first code turns two-factor on and issues the recovery codes (shown once). */
  async confirmSetup(code: string, { actor, client }: AuditContext): Promise<RecoveryCodes> {
    await this.assertNotBlocked(actor.userId);
    const row = await this.repository.findTotp(actor.userId);
    if (!row) throw conflict('Start the set-up first (POST /me/mfa/totp)');
    if (row.enabledAt) throw conflict('Two-factor authentication is already on');
    const step = matchingStep(this.box.open(row.secretEncrypted, SECRET_PURPOSE), normalizeCode(code), Date.now());
    if (step === null) {
      await this.rejected(actor.userId, 'confirm', 'wrong_code', client);
      throw fieldError('code', 'is not the current code of your authenticator app');
    }
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (em) => {
      const now = new Date();
      await this.repository.enable(actor.userId, step, now, em);
      await this.repository.replaceRecoveryCodes(actor.userId, codes.map(hashRecoveryCode), now, em);
      await this.activity.record(
        { action: 'two_factor_enabled', userId: actor.userId, entityType: 'user', entityId: actor.userId, client },
        em,
      );
    });
    return { recoveryCodes: codes };
  }

  /** New recovery codes (the former ones stop working), after a TOTP code. */
  async regenerateRecoveryCodes(code: string, { actor, client }: AuditContext): Promise<RecoveryCodes> {
    await this.assertEnabled(actor.userId);
    const codes = newRecoveryCodes();
    await this.withRejectionsCounted(
      () =>
        this.dataSource.transaction(async (em) => {
          await this.verifyInTransaction(actor.userId, { code }, 'recovery_codes', client, em);
          await this.repository.replaceRecoveryCodes(actor.userId, codes.map(hashRecoveryCode), new Date(), em);
          await this.activity.record(
            {
              action: 'recovery_codes_regenerated',
              userId: actor.userId,
              entityType: 'user',
              entityId: actor.userId,
              details: { count: codes.length },
              client,
            },
            em,
          );
        }),
      client,
    );
    return { recoveryCodes: codes };
  }

  /**
   * Checks a second factor inside the caller's transaction (the user's TOTP row is locked until it ends, so two
   * requests cannot use one step): a TOTP code of the current step or one either side, later than the last step
   * used, or an unused recovery code (then used up). A wrong one is answered 400 on its field (401 for the sign-in)
   * and counted, when the caller runs its transaction in withRejectionsCounted; past TWO_FACTOR.failureLimit wrong
   * ones in the window everything is a 429 until it passes.
   */
  async verifyInTransaction(
    userId: number,
    factor: SecondFactor,
    purpose: SecondFactorPurpose,
    client: ClientContext,
    em: EntityManager,
    fieldName?: string,
  ): Promise<SecondFactorKind> {
    await this.assertNotBlocked(userId);
    const row = await this.repository.findTotp(userId, em, true);
    if (!row?.enabledAt) throw conflict('Two-factor authentication is not on for this account');
    const field = fieldName ?? (factor.recoveryCode !== undefined ? 'recoveryCode' : 'code');
    // Thrown, not recorded here: the caller's transaction may hold locks the record would wait for (the user row);
    // withRejectionsCounted records it once the transaction has rolled back.
    const fail = async (reason: string, message: string): Promise<never> => {
      const problem =
        purpose === 'login'
          ? unauthorized(`The ${factor.recoveryCode !== undefined ? 'recovery code' : 'code'} ${message}`)
          : fieldError(field, message);
      throw new SecondFactorRejected(problem, userId, purpose, reason);
    };
    if (factor.recoveryCode !== undefined) {
      const used = await this.repository.useRecoveryCode(userId, hashRecoveryCode(factor.recoveryCode), new Date(), em);
      if (!used) return fail('wrong_recovery_code', 'is not one of your unused recovery codes');
      await this.activity.record(
        {
          action: 'recovery_code_used',
          userId,
          entityType: 'user',
          entityId: userId,
          details: { purpose, remaining: await this.repository.countUnusedRecoveryCodes(userId, em) },
          client,
        },
        em,
      );
      return 'recovery_code';
    }
    const code = normalizeCode(factor.code ?? '');
    const step = TOTP_CODE_PATTERN.test(code)
      ? matchingStep(this.box.open(row.secretEncrypted, SECRET_PURPOSE), code, Date.now())
      : null;
    if (step === null) return fail('wrong_code', 'is not the current code of your authenticator app');
    if (!(await this.repository.advanceStep(userId, step, em))) {
      return fail('replayed_code', 'was already used; wait for the next code');
    }
    return 'totp';
  }

  /**
   * Runs `work` (a transaction that calls verifyInTransaction) and, when a second factor was rejected in it, counts
   * the rejection towards the limit and records it (two_factor_code_rejected) after the transaction has ended.
   */
  async withRejectionsCounted<T>(work: () => Promise<T>, client: ClientContext): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SecondFactorRejected) {
        await this.rejected(error.userId, error.purpose, error.reason, client);
        throw error.problem;
      }
      throw error;
    }
  }

  /** Turns two-factor off (the auth feature checked the password; `verifyInTransaction` the code). */
  async disable(userId: number, client: ClientContext, em: EntityManager): Promise<void> {
    await this.repository.deleteAll(userId, em);
    await this.activity.record(
      { action: 'two_factor_disabled', userId, entityType: 'user', entityId: userId, client },
      em,
    );
  }

  /**
   * An admin turns a user's two-factor off (a lost phone without recovery codes): audited with the admin as actor
   * and the user as entity, and the user is told (notifyUser). 404 for an unknown user, 409 when it is off.
   */
  async adminReset(userId: number, audit: AuditContext): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('User');
    const reset = await this.dataSource.transaction(async (em) => {
      if (!(await this.repository.deleteAll(userId, em))) return false;
      await this.activity.record(
        { action: 'two_factor_reset', audit, entityType: 'user', entityId: userId, details: { email: user.email } },
        em,
      );
      // The user is told through the mail outbox, in the same transaction: the message exists exactly if the reset does.
      await this.mail.queue(em, { to: user.email, userId, mail: twoFactorResetMail(user.name) });
      return true;
    });
    if (!reset) throw conflict('This user has not set up two-factor authentication');
  }

  /** The opaque mfaToken of a sign-in's second step (stored as SHA-256; TWO_FACTOR.challengeTtlSeconds). */
  async issueChallenge(userId: number): Promise<MfaChallenge> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + TWO_FACTOR.challengeTtlSeconds * 1000);
    await this.repository.insertChallenge(userId, hashToken(token), now, expiresAt);
    return { mfaRequired: true, mfaToken: token, expiresAt: expiresAt.toISOString() };
  }

  /** The user of a live challenge; 401 when the token is unknown, expired or already used. */
  async challengeUser(mfaToken: string): Promise<{ challengeId: number; userId: number }> {
    const row = await this.repository.findChallenge(hashToken(mfaToken));
    if (!row || row.consumedAt || row.expiresAt.getTime() <= Date.now()) {
      throw unauthorized('The mfaToken is invalid, expired or already used; sign in again');
    }
    return { challengeId: row.id, userId: row.userId };
  }

  /** Uses the challenge up (inside the sign-in's transaction); 401 when another request used it first. */
  async consumeChallenge(challengeId: number, em: EntityManager): Promise<void> {
    if (!(await this.repository.consumeChallenge(challengeId, new Date(), em))) {
      throw unauthorized('The mfaToken is invalid, expired or already used; sign in again');
    }
  }

  private async assertEnabled(userId: number): Promise<void> {
    if (!(await this.isEnabled(userId))) throw conflict('Two-factor authentication is not on for this account');
  }

  private async assertNotBlocked(userId: number): Promise<void> {
    const seconds = await this.storage.blockedFor(limitKey(userId), LIMIT_NAME);
    if (seconds > 0) {
      const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
      throw tooManyRequests(
        `Too many wrong two-factor codes (${TWO_FACTOR.failureLimit} per ${TWO_FACTOR.failureWindowMs / 60_000} ` +
          `minutes); try again in ${wait}`,
        seconds,
      );
    }
  }

  private async rejected(
    userId: number,
    purpose: SecondFactorPurpose,
    reason: string,
    client: ClientContext,
  ): Promise<void> {
    // The storage blocks once hits exceed its limit: limit - 1 makes the limit-th failure the last one answered.
    await this.storage.increment(
      limitKey(userId),
      TWO_FACTOR.failureWindowMs,
      TWO_FACTOR.failureLimit - 1,
      TWO_FACTOR.failureWindowMs,
      LIMIT_NAME,
    );
    await this.activity.record({
      action: 'two_factor_code_rejected',
      userId,
      entityType: 'user',
      entityId: userId,
      details: { purpose, reason },
      client,
    });
  }
}

/** A second factor refused inside a transaction; withRejectionsCounted counts it and answers `problem`. */
class SecondFactorRejected extends Error {
  constructor(
    readonly problem: ProblemException,
    readonly userId: number,
    readonly purpose: SecondFactorPurpose,
    readonly reason: string,
  ) {
    super(problem.detail);
  }
}

/** Codes are often typed or pasted with a space in the middle ("123 456"). */
function normalizeCode(code: string): string {
  return code.replace(/\s/g, '');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function limitKey(userId: number): string {
  return createHash('sha256').update(`${LIMIT_NAME}:user:${userId}`).digest('hex');
}
