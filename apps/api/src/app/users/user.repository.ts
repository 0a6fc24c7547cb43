import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { UserRole, UserStatus } from '@hh/contracts';
import { escapeLike } from '../../common/database/like';
import { UserEntity } from './user.entity';

/** What other features show of a user next to their own rows (actor, owner, requester). */
export type UserRef = Pick<UserEntity, 'id' | 'name' | 'email'>;

export type UserChanges = Partial<Pick<UserEntity, 'name' | 'passwordHash' | 'lastLogin' | 'role' | 'status'>>;

export interface UserListFilter {
  /** Part of the name or email (LIKE, escaped). */
  q?: string;
  role?: UserRole;
  status?: UserStatus;
}

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
