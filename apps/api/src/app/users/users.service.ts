import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { normalizeEmail, UserRole, UserStatus } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { RollupsRepository } from '../analytics/rollups.repository';
import { UserEntity } from './user.entity';
import { UserChanges, UserRepository } from './user.repository';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: UserRole;
  status: UserStatus;
}

/** The rules of user accounts (unique normalised email, an analytics row per user); queries live in UserRepository. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly rollups: RollupsRepository,
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
