import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { UserRef, UserStatus } from '@hh/contracts';
import { escapeLike } from '../../common/database/like';
import { UserEntity } from './user.entity';
import type { UserChanges, UserListFilter } from './user.types';

/**
 * Every query of the `users` table. Methods that take part in a caller's transaction take its EntityManager;
 * without one they use the default connection.
 */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private users(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: number, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users(manager).findOneBy({ id });
  }

  /** The user with their password hash (never selected otherwise); `email` must already be normalised. */
  findWithPasswordHash(where: { email: string } | { id: number }): Promise<UserEntity | null> {
    const query = this.users().createQueryBuilder('user').addSelect('user.passwordHash');
    if ('email' in where) query.where('user.email = :email', { email: where.email });
    else query.where('user.id = :id', { id: where.id });
    return query.getOne();
  }

  /** id, name and email of each existing user among `ids` (deleted ones are simply absent). */
  async refsByIds(ids: Iterable<number>): Promise<Map<number, UserRef>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.users().find({ select: { id: true, name: true, email: true }, where: { id: In(unique) } });
    return new Map(rows.map((user) => [user.id, user]));
  }

  /**
   * The user's row, locked until the transaction ends: `write` serialises the owner's own limited actions
   * (active keys, pending requests) and changes to the user; `read` keeps the status from changing under a check.
   */
  lockById(id: number, mode: 'read' | 'write', manager: EntityManager): Promise<UserEntity | null> {
    return this.users(manager)
      .createQueryBuilder('u')
      .setLock(mode === 'write' ? 'pessimistic_write' : 'pessimistic_read')
      .where('u.id = :id', { id })
      .getOne();
  }

  /** The ids of the active admins, locked (in id order, so concurrent callers queue instead of deadlocking). */
  async lockActiveAdminIds(manager: EntityManager): Promise<number[]> {
    const rows = await this.users(manager)
      .createQueryBuilder('u')
      .select('u.id')
      .setLock('pessimistic_write')
      .where("u.role = 'admin' AND u.status = 'active'")
      .orderBy('u.id')
      .getMany();
    return rows.map((row) => row.id);
  }

  adminExists(): Promise<boolean> {
    return this.users().exists({ where: { role: 'admin' } });
  }

  isSuspended(id: number): Promise<boolean> {
    return this.users().exists({ where: { id, status: 'suspended' } });
  }

  /** How many users there are in each status (statuses nobody is in count 0). */
  async countByStatus(): Promise<Record<UserStatus, number>> {
    const rows = await this.users()
      .createQueryBuilder('u')
      .select('u.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('u.status')
      .getRawMany<{ status: UserStatus; count: string | number }>();
    const counts: Record<UserStatus, number> = { active: 0, pending: 0, suspended: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  /** A page of users, newest first, and the total matching the filter. */
  list(filter: UserListFilter, offset: number, limit: number): Promise<[UserEntity[], number]> {
    const qb = this.users().createQueryBuilder('u');
    if (filter.q) qb.andWhere('(u.name LIKE :q OR u.email LIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    return qb.orderBy('u.createdAt', 'DESC').addOrderBy('u.id', 'DESC').skip(offset).take(limit).getManyAndCount();
  }

  /** Inserts the row (its generated id is set on it); a taken email throws the driver's duplicate-entry error. */
  async insert(row: Omit<UserEntity, 'id'>, manager?: EntityManager): Promise<UserEntity> {
    const entity = this.users(manager).create(row);
    await this.users(manager).insert(entity);
    return entity;
  }

  async update(id: number, changes: UserChanges, updatedAt: Date, manager?: EntityManager): Promise<void> {
    await this.users(manager).update({ id }, { ...changes, updatedAt });
  }
}
