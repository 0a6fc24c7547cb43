import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NumberRequestStatus } from '@hh/contracts';
import { NumberRequestEntity } from './number-request.entity';

export type NewNumberRequest = Omit<NumberRequestEntity, 'id'>;

export type NumberRequestDecision = Pick<
  NumberRequestEntity,
  'status' | 'adminNotes' | 'assignedNumberId' | 'processedAt'
>;

/**
 * Every query of the `number_requests` table. Methods that take part in a caller's transaction take its
 * EntityManager; without one they use the default connection.
 */
@Injectable()
export class NumberRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private requests(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(NumberRequestEntity);
  }

  /** A page of the user's requests, newest first, and the total matching. */
  listOfUser(
    userId: number,
    status: NumberRequestStatus | undefined,
    offset: number,
    limit: number,
  ): Promise<[NumberRequestEntity[], number]> {
    return this.requests().findAndCount({
      where: { userId, ...(status ? { status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
  }

  /** A page of every user's requests: pending first, then newest first. */
  listQueue(status: NumberRequestStatus | undefined, offset: number, limit: number) {
    const qb = this.requests().createQueryBuilder('r');
    if (status) qb.where('r.status = :status', { status });
    return qb
      .orderBy(`CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  findById(id: number): Promise<NumberRequestEntity | null> {
    return this.requests().findOneBy({ id });
  }

  countPending(): Promise<number> {
    return this.requests().countBy({ status: 'pending' });
  }

  countPendingOf(userId: number, manager?: EntityManager): Promise<number> {
    return this.requests(manager).countBy({ userId, status: 'pending' });
  }

  /** The request, locked FOR UPDATE until the transaction ends; with `userId`, only if it is that user's. */
  lockById(id: number, manager: EntityManager, userId?: number): Promise<NumberRequestEntity | null> {
    const qb = this.requests(manager).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id });
    if (userId !== undefined) qb.andWhere('r.userId = :userId', { userId });
    return qb.getOne();
  }

  /** Inserts the row (its generated id is set on it). */
  async insert(row: NewNumberRequest, manager?: EntityManager): Promise<NumberRequestEntity> {
    const entity = this.requests(manager).create(row);
    await this.requests(manager).insert(entity);
    return entity;
  }

  /** Saves an admin's decision: status, notes, the number assigned and when. */
  async saveDecision(id: number, decision: NumberRequestDecision, manager?: EntityManager): Promise<void> {
    await this.requests(manager).update({ id }, decision);
  }

  async delete(id: number, manager?: EntityManager): Promise<void> {
    await this.requests(manager).delete({ id });
  }
}
