import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
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
