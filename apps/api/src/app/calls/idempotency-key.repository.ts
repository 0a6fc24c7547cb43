import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** The Idempotency-Keys of POST /calls (idempotency_keys), one row per user and key. */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private keys(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(IdempotencyKeyEntity);
  }

  /** Makes sure the key's row exists (outside any transaction), so that a later lock has a row to hold. */
  async reserve(userId: number, key: string, requestHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      'INSERT IGNORE INTO idempotency_keys (user_id, idempotency_key, request_hash, call_id, created_at) VALUES (?, ?, ?, NULL, ?)',
      [userId, key, requestHash, now],
    );
  }

  /** The key's row, locked until the transaction ends: concurrent requests with the key queue behind it. */
  lock(userId: number, key: string, manager: EntityManager): Promise<IdempotencyKeyEntity | null> {
    return this.keys(manager)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.userId = :userId AND k.key = :key', { userId, key })
      .getOne();
  }

  /** Starts the key afresh (no call yet) as of `now`. */
  async restart(userId: number, key: string, requestHash: string, now: Date, manager: EntityManager): Promise<void> {
    await this.keys(manager).upsert({ userId, key, requestHash, callId: null, createdAt: now }, ['userId', 'key']);
  }

  async update(
    userId: number,
    key: string,
    changes: Partial<Pick<IdempotencyKeyEntity, 'requestHash' | 'callId'>>,
    manager: EntityManager,
  ): Promise<void> {
    await this.keys(manager).update({ userId, key }, changes);
  }
}
