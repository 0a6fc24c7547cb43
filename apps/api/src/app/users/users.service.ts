import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { normalizeEmail, UserRef, UserRole, UserStatus } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { RollupsService } from '../analytics/rollups.service';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import type { UserChanges, UserListFilter } from './user.types';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: UserRole;
  status: UserStatus;
}

/**
 * The rules of user accounts (unique normalised email, an analytics row per user), and the way other features
 * reach the `users` table (names of the users their rows name, row locks, the admin list); queries live in
 * UserRepository.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly rollups: RollupsService,
    private readonly clock: Clock,
  ) {}

  async findById(id: number): Promise<UserEntity | null> {
    return this.users.findById(id);
  }

  async getById(id: number): Promise<UserEntity> {
    const user = await this.findById(id);
    if (!user) throw notFound('User');
    return user;
  }

  /** The user with their password hash, for sign-in and password checks only. */
  async findWithPasswordHash(where: { email: string } | { id: number }): Promise<UserEntity | null> {
    return this.users.findWithPasswordHash('email' in where ? { email: normalizeEmail(where.email) } : where);
  }

  async adminExists(): Promise<boolean> {
    return this.users.adminExists();
  }

  async isSuspended(id: number): Promise<boolean> {
    return this.users.isSuspended(id);
  }

  /** id, name and email of each existing user among `ids`, for rows that name users (deleted ones are absent). */
  async namesOf(ids: Iterable<number>): Promise<Map<number, UserRef>> {
    return this.users.refsByIds(ids);
  }

  /**
   * The user's row, locked until the transaction ends (null when unknown): `write` serialises the owner's own
   * limited actions (active keys, pending requests) and changes to the user; `read` keeps the status from changing
   * under a check (assigning a number).
   */
  async lock(id: number, mode: 'read' | 'write', manager: EntityManager): Promise<UserEntity | null> {
    return this.users.lockById(id, mode, manager);
  }

  /** The active admins' ids, locked in id order: the "last active admin" guard reads them before a change. */
  async lockActiveAdminIds(manager: EntityManager): Promise<number[]> {
    return this.users.lockActiveAdminIds(manager);
  }

  /** A page of users for the admin console, newest first, and the total matching. */
  async list(filter: UserListFilter, offset: number, limit: number): Promise<[UserEntity[], number]> {
    return this.users.list(filter, offset, limit);
  }

  /** How many users there are in each status (the admin overview). */
  async countByStatus(): Promise<Record<UserStatus, number>> {
    return this.users.countByStatus();
  }

  /** Creates the user and their (empty) analytics row in the given transaction; 409 when the email is taken. */
  async create(input: NewUser, manager: EntityManager): Promise<UserEntity> {
    const now = this.clock.now();
    let row: UserEntity;
    try {
      row = await this.users.insert(
        {
          name: input.name,
          email: normalizeEmail(input.email),
          passwordHash: input.passwordHash,
          role: input.role,
          status: input.status,
          signupDate: now,
          lastLogin: null,
          emailVerifiedAt: null,
          createdAt: now,
          updatedAt: now,
        },
        manager,
      );
    } catch (error) {
      if (isDuplicateEntry(error)) {
        throw conflict('An account with this email already exists', [
          { field: 'email', message: 'is already registered' },
        ]);
      }
      throw error;
    }
    await this.rollups.createUserTotals(row.id, now, manager);
    return row;
  }

  async update(id: number, changes: UserChanges, manager?: EntityManager): Promise<void> {
    await this.users.update(id, changes, this.clock.now(), manager);
  }
}
