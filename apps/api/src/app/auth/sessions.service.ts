import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { ClientContext } from '../../common/http/client-context';
import { unauthorized } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthSessionEntity } from './auth-session.entity';
import { SessionRepository } from './session.repository';

export type RevokeReason =
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'refresh_token_reuse'
  | 'suspended'
  | 'role_changed';

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
  ) {}

  async start(userId: number, client: ClientContext, manager?: EntityManager): Promise<IssuedRefreshToken> {
    const run = async (em: EntityManager) => {
      const now = new Date();
      const sessionId = randomUUID();
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
