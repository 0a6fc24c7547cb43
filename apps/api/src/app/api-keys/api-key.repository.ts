import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ApiKeyStatus } from '@hh/contracts';
import { ApiKeyEntity } from './api-key.entity';

/**
 * Every query of the `api_keys` table. Methods that take part in a caller's transaction take its EntityManager;
 * without one they use the default connection.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private keys(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ApiKeyEntity);
  }

  /** The user's keys, newest first. */
  listOfUser(userId: number): Promise<ApiKeyEntity[]> {
    return this.keys().find({ where: { userId }, order: { id: 'DESC' } });
  }

  findById(id: number): Promise<ApiKeyEntity | null> {
    return this.keys().findOneBy({ id });
  }

  findOfUser(id: number, userId: number): Promise<ApiKeyEntity | null> {
    return this.keys().findOneBy({ id, userId });
  }

  /** The key stored under this SHA-256 (a unique index probe). */
  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys().findOne({ where: { keyHash } });
  }

  /** Keys of the user that still work at `now`: active and not past their expiration date. */
  countActive(userId: number, now: Date, manager?: EntityManager): Promise<number> {
    return this.keys(manager)
      .createQueryBuilder('k')
      .where("k.userId = :userId AND k.status = 'active' AND (k.expirationDate IS NULL OR k.expirationDate > :now)", {
        userId,
        now,
      })
      .getCount();
  }

  /** Inserts the key (its generated id is set on it). */
  async insert(row: Omit<ApiKeyEntity, 'id'>, manager?: EntityManager): Promise<ApiKeyEntity> {
    const entity = this.keys(manager).create(row);
    await this.keys(manager).insert(entity);
    return entity;
  }

  async setStatus(id: number, status: ApiKeyStatus, manager?: EntityManager): Promise<void> {
    await this.keys(manager).update({ id }, { status });
  }

  /** Revokes every active key of the user; returns how many. */
  async revokeAllOfUser(userId: number, manager?: EntityManager): Promise<number> {
    const result = await this.keys(manager).update({ userId, status: 'active' }, { status: 'revoked' });
    return result.affected ?? 0;
  }

  /** Counts one use: an atomic increment, so concurrent requests with the same key all count. */
  async recordUse(id: number, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE api_keys SET usage_count = usage_count + 1, last_used = ? WHERE id = ?', [
      at,
      id,
    ]);
  }
}
