import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { ClientContext } from '../../common/http/client-context';
import { unauthorized } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../users/user.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

export type RevokeReason = 'logout' | 'password_change' | 'refresh_token_reuse' | 'suspended' | 'role_changed';

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
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityService,
  ) {}

  async start(userId: number, client: ClientContext, manager?: EntityManager): Promise<IssuedRefreshToken> {
    const run = async (em: EntityManager) => {
      const now = new Date();
      const sessionId = randomUUID();
      await em.getRepository(AuthSessionEntity).insert({
        id: sessionId,
        userId,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + this.config.session.maxLifetimeSeconds * 1000),
        revokedAt: null,
        revokedReason: null,
        ipAddress: client.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
      });
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
      const token = await em
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('token')
        .setLock('pessimistic_write')
        .where('token.tokenHash = :hash', { hash: hashToken(refreshToken) })
        .getOne();
      if (!token) return { kind: 'invalid' as const };
      const session = await em
        .getRepository(AuthSessionEntity)
        .createQueryBuilder('session')
        .setLock('pessimistic_write')
        .where('session.id = :id', { id: token.sessionId })
        .getOne();
      const now = new Date();
      if (!session || session.revokedAt || session.expiresAt <= now) return { kind: 'invalid' as const };
      if (token.rotatedAt) {
        await this.revokeWith(em, { id: session.id }, 'refresh_token_reuse', now);
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
      await em.getRepository(RefreshTokenEntity).update({ id: token.id }, { rotatedAt: now });
      await em.getRepository(AuthSessionEntity).update({ id: session.id }, { lastUsedAt: now });
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
    const token = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .findOne({ where: { tokenHash: hashToken(refreshToken) }, select: { sessionId: true } });
    return token?.sessionId ?? null;
  }

  /** The session and its user when the session is neither revoked nor expired; null otherwise. */
  async findLive(sessionId: string): Promise<LiveSession | null> {
    const session = await this.dataSource.getRepository(AuthSessionEntity).findOneBy({ id: sessionId });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: session.userId });
    return user ? { session, user } : null;
  }

  /**
   * True when the session of `userId` was ended by their suspension and they are still suspended: its access token
   * is then refused with 403 (suspended), not 401, so the client learns why (suspension acts at once).
   */
  async endedBySuspension(sessionId: string, userId: number): Promise<boolean> {
    const session = await this.dataSource.getRepository(AuthSessionEntity).findOneBy({ id: sessionId, userId });
    if (!session || session.revokedReason !== 'suspended') return false;
    return this.dataSource.getRepository(UserEntity).exists({ where: { id: userId, status: 'suspended' } });
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.revokeWith(this.dataSource.manager, { id: sessionId }, reason, new Date());
  }

  /** Revokes every live session of the user, except one (the caller's own, after a password change). */
  async revokeAllOfUser(userId: number, reason: RevokeReason, exceptSessionId?: string, manager?: EntityManager) {
    const where = exceptSessionId ? { userId, id: Not(exceptSessionId) } : { userId };
    await this.revokeWith(manager ?? this.dataSource.manager, where, reason, new Date());
  }

  private async revokeWith(
    em: EntityManager,
    where: { id: string } | { userId: number; id?: ReturnType<typeof Not<string>> },
    reason: RevokeReason,
    now: Date,
  ): Promise<void> {
    await em
      .getRepository(AuthSessionEntity)
      .update({ ...where, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  }

  private async issueRefreshToken(em: EntityManager, sessionId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.getRepository(RefreshTokenEntity).insert({
      sessionId,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.session.refreshTtlSeconds * 1000),
      rotatedAt: null,
    });
    return token;
  }
}
