import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Not } from 'typeorm';
import { AuthSessionEntity } from './auth-session.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

/**
 * Every query of the `auth_sessions` table and of its refresh-token families (`refresh_tokens`). Methods that take
 * part in a caller's transaction take its EntityManager; without one they use the default connection.
 */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private sessions(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuthSessionEntity);
  }

  private tokens(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(RefreshTokenEntity);
  }

  async insertSession(row: AuthSessionEntity, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).insert(row);
  }

  findSession(id: string): Promise<AuthSessionEntity | null> {
    return this.sessions().findOneBy({ id });
  }

  findSessionOfUser(id: string, userId: number): Promise<AuthSessionEntity | null> {
    return this.sessions().findOneBy({ id, userId });
  }

  /** Whether the user had any session before, and one from this user agent (a known device). */
  async deviceHistory(
    userId: number,
    userAgent: string | null,
    manager?: EntityManager,
  ): Promise<{ anySession: boolean; sameDevice: boolean }> {
    const sessions = this.sessions(manager);
    const anySession = await sessions.exists({ where: { userId } });
    if (!anySession) return { anySession, sameDevice: false };
    const sameDevice = await sessions.exists({ where: { userId, userAgent: userAgent ?? IsNull() } });
    return { anySession, sameDevice };
  }

  /** The user's sessions that can still be used (not revoked, not expired, refreshed recently enough), newest use first. */
  listLiveOfUser(userId: number, now: Date, usedSince: Date): Promise<AuthSessionEntity[]> {
    return this.sessions().find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(now), lastUsedAt: MoreThan(usedSince) },
      order: { lastUsedAt: 'DESC', createdAt: 'DESC' },
      take: 200,
    });
  }

  /** Revokes the user's session if it is theirs and live; false otherwise (unknown, another user's, ended). */
  async revokeSessionOfUser(id: string, userId: number, reason: string, at: Date): Promise<boolean> {
    const result = await this.sessions().update(
      { id, userId, revokedAt: IsNull(), expiresAt: MoreThan(at) },
      { revokedAt: at, revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every live session of the user but one; the number revoked. */
  async revokeOthersOfUser(userId: number, exceptSessionId: string, reason: string, at: Date): Promise<number> {
    const result = await this.sessions().update(
      { userId, id: Not(exceptSessionId), revokedAt: IsNull(), expiresAt: MoreThan(at) },
      { revokedAt: at, revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** The session row, locked until the transaction ends (refresh-token rotation). */
  lockSession(id: string, manager: EntityManager): Promise<AuthSessionEntity | null> {
    return this.sessions(manager)
      .createQueryBuilder('session')
      .setLock('pessimistic_write')
      .where('session.id = :id', { id })
      .getOne();
  }

  async touchSession(id: string, lastUsedAt: Date, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).update({ id }, { lastUsedAt });
  }

  /** Revokes the session unless it already is (the first reason stays). */
  async revokeSession(id: string, reason: string, at: Date, manager?: EntityManager): Promise<void> {
    await this.sessions(manager).update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes every live session of the user, except `exceptSessionId` when given. */
  async revokeAllOfUser(
    userId: number,
    reason: string,
    at: Date,
    exceptSessionId?: string,
    manager?: EntityManager,
  ): Promise<void> {
    const where = exceptSessionId ? { userId, id: Not(exceptSessionId) } : { userId };
    await this.sessions(manager).update({ ...where, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  async insertRefreshToken(row: Omit<RefreshTokenEntity, 'id'>, manager?: EntityManager): Promise<void> {
    await this.tokens(manager).insert(row);
  }

  /** The refresh token stored under this SHA-256, locked until the transaction ends (one rotation at a time). */
  lockRefreshTokenByHash(tokenHash: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    return this.tokens(manager)
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.tokenHash = :hash', { hash: tokenHash })
      .getOne();
  }

  async markRotated(tokenId: string, at: Date, manager?: EntityManager): Promise<void> {
    await this.tokens(manager).update({ id: tokenId }, { rotatedAt: at });
  }

  /** The session of the refresh token stored under this SHA-256, if any. */
  async sessionIdOfTokenHash(tokenHash: string): Promise<string | null> {
    const token = await this.tokens().findOne({ where: { tokenHash }, select: { sessionId: true } });
    return token?.sessionId ?? null;
  }
}
