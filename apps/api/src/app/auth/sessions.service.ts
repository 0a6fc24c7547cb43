import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { ClientContext } from '../../common/http/client-context';
import type { SessionInfo } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { notFound, unauthorized } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { newSignInMail } from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthSessionEntity } from './auth-session.entity';
import { SessionRepository } from './session.repository';
import { describeDevice } from './user-agent';

export type RevokeReason =
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'refresh_token_reuse'
  | 'suspended'
  | 'role_changed'
  | 'signed_out_by_user';

const SIGNED_OUT_BY_USER: RevokeReason = 'signed_out_by_user';

/** How finely a session's last use is kept: one write per session at most this often. */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;

export interface IssuedRefreshToken {
  sessionId: string;
  refreshToken: string;
}

/** A live session together with its user, as the authentication guard needs them on every request. */
export interface LiveSession {
  session: AuthSessionEntity;
  user: UserEntity;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Sign-in sessions and their refresh tokens (RFC 9700): opaque random tokens stored only as SHA-256, rotated on
 * every use; presenting a token that was already rotated is taken as theft and revokes the whole session.
 * Session times are read from the system clock, not Clock: a session is judged together with its access token,
 * whose expiry the JWT library checks against the system clock.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: SessionRepository,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityService,
    private readonly mail: MailService,
  ) {}

  /**
   * A new session (a sign-in). A sign-in from a device (user agent) none of the user's earlier sessions used is
   * told to the user by e-mail, in the same transaction; an account's first session (its sign-up) is not.
   */
  async start(userId: number, client: ClientContext, manager?: EntityManager): Promise<IssuedRefreshToken> {
    const run = async (em: EntityManager) => {
      const now = new Date();
      const sessionId = randomUUID();
      await this.noticeNewDevice(userId, client, now, em);
      await this.repository.insertSession(
        {
          id: sessionId,
          userId,
          createdAt: now,
          lastUsedAt: now,
          expiresAt: new Date(now.getTime() + this.config.session.maxLifetimeSeconds * 1000),
          revokedAt: null,
          revokedReason: null,
          ipAddress: client.ip,
          userAgent: client.userAgent?.slice(0, 500) ?? null,
        },
        em,
      );
      const refreshToken = await this.issueRefreshToken(em, sessionId, now);
      return { sessionId, refreshToken };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Exchanges a refresh token for a new one in the same session. Unknown, expired or revoked: 401.
   * Already rotated: the session is revoked (committed before the 401 is thrown) and the reuse is logged.
   */
  async rotate(refreshToken: string, client: ClientContext): Promise<{ userId: number } & IssuedRefreshToken> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const token = await this.repository.lockRefreshTokenByHash(hashToken(refreshToken), em);
      if (!token) return { kind: 'invalid' as const };
      const session = await this.repository.lockSession(token.sessionId, em);
      const now = new Date();
      if (!session || session.revokedAt || session.expiresAt <= now) return { kind: 'invalid' as const };
      if (token.rotatedAt) {
        await this.repository.revokeSession(session.id, 'refresh_token_reuse', now, em);
        await this.activity.record(
          {
            action: 'refresh_token_reused',
            userId: session.userId,
            entityType: 'session',
            details: { sessionId: session.id },
            client,
          },
          em,
        );
        return { kind: 'reused' as const };
      }
      if (token.expiresAt <= now) return { kind: 'invalid' as const };
      await this.repository.markRotated(token.id, now, em);
      await this.repository.touchSession(session.id, now, em);
      const next = await this.issueRefreshToken(em, session.id, now);
      return { kind: 'rotated' as const, userId: session.userId, sessionId: session.id, refreshToken: next };
    });
    if (outcome.kind === 'reused') {
      throw unauthorized('This refresh token was already used; the session has been revoked. Sign in again.');
    }
    if (outcome.kind === 'invalid') throw unauthorized('The refresh token is invalid, expired or revoked');
    return { userId: outcome.userId, sessionId: outcome.sessionId, refreshToken: outcome.refreshToken };
  }

  /** The session of a refresh token, if the token is known (used by logout to end the cookie's session). */
  async sessionIdOfRefreshToken(refreshToken: string): Promise<string | null> {
    return this.repository.sessionIdOfTokenHash(hashToken(refreshToken));
  }

  /**
   * GET /me/sessions: the user's live sessions (a session idle for longer than a refresh token lives cannot be
   * resumed and is left out), each with a device read from its user agent, the caller's own marked current.
   */
  async listOfUser(userId: number, currentSessionId: string | undefined): Promise<SessionInfo[]> {
    const now = new Date();
    const usedSince = new Date(now.getTime() - this.config.session.refreshTtlSeconds * 1000);
    const rows = await this.repository.listLiveOfUser(userId, now, usedSince);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt.toISOString(),
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      device: describeDevice(row.userAgent),
      current: row.id === currentSessionId,
    }));
  }

  /**
   * Signs one of the caller's sessions out: its refresh token and its access token stop working at once (the guard
   * re-reads the session on every request; open live streams end within a heartbeat). 404 when the id is not one
   * of the caller's live sessions, another user's included.
   */
  async revokeOwn(sessionId: string, { actor, client }: AuditContext): Promise<void> {
    const at = new Date();
    if (!(await this.repository.revokeSessionOfUser(sessionId, actor.userId, SIGNED_OUT_BY_USER, at))) {
      throw notFound('Session');
    }
    await this.activity.record({
      action: 'session_revoked',
      userId: actor.userId,
      entityType: 'session',
      details: { sessionId, current: sessionId === actor.sessionId },
      client,
    });
  }

  /** Signs every other session of the caller out (the current one stays); the number ended. */
  async revokeOthers({ actor, client }: AuditContext): Promise<number> {
    if (!actor.sessionId) return 0;
    const count = await this.repository.revokeOthersOfUser(
      actor.userId,
      actor.sessionId,
      SIGNED_OUT_BY_USER,
      new Date(),
    );
    await this.activity.record({
      action: 'sessions_revoked',
      userId: actor.userId,
      entityType: 'session',
      details: { count, kept: actor.sessionId },
      client,
    });
    return count;
  }

  private async noticeNewDevice(userId: number, client: ClientContext, at: Date, em: EntityManager): Promise<void> {
    const userAgent = client.userAgent?.slice(0, 500) ?? null;
    const history = await this.repository.deviceHistory(userId, userAgent, em);
    if (!history.anySession || history.sameDevice) return;
    const user = await this.users.findById(userId);
    if (!user) return;
    await this.mail.queue(em, {
      to: user.email,
      userId,
      mail: newSignInMail(user.name, { device: describeDevice(userAgent), ip: client.ip, at }),
    });
  }

  /** Records that the session was used now, at most once per LAST_USED_GRANULARITY_MS (GET /me/sessions shows it). */
  async noteUse(session: AuthSessionEntity): Promise<void> {
    const now = new Date();
    if (now.getTime() - session.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    await this.repository.touchSession(session.id, now);
  }

  /** The session and its user when the session is neither revoked nor expired; null otherwise. */
  async findLive(sessionId: string): Promise<LiveSession | null> {
    const session = await this.repository.findSession(sessionId);
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
    const user = await this.users.findById(session.userId);
    return user ? { session, user } : null;
  }

  /**
   * True when the session of `userId` was ended by their suspension and they are still suspended: its access token
   * is then refused with 403 (suspended), not 401, so the client learns why (suspension acts at once).
   */
  async endedBySuspension(sessionId: string, userId: number): Promise<boolean> {
    const session = await this.repository.findSessionOfUser(sessionId, userId);
    if (!session || session.revokedReason !== 'suspended') return false;
    return this.users.isSuspended(userId);
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.repository.revokeSession(sessionId, reason, new Date());
  }

  /** Revokes every live session of the user, except one (the caller's own, after a password change). */
  async revokeAllOfUser(userId: number, reason: RevokeReason, exceptSessionId?: string, manager?: EntityManager) {
    await this.repository.revokeAllOfUser(userId, reason, new Date(), exceptSessionId, manager);
  }

  private async issueRefreshToken(em: EntityManager, sessionId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.repository.insertRefreshToken(
      {
        sessionId,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.session.refreshTtlSeconds * 1000),
        rotatedAt: null,
      },
      em,
    );
    return token;
  }
}
