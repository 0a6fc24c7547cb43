import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { normalizeEmail, UserRole, UserStatus } from '@hh/contracts';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { UserAnalyticsEntity } from '../analytics/user-analytics.entity';
import { UserEntity } from './user.entity';

export interface NewUser {
  name: string;
  email: string;
  passwordHash: string;
  role: UserRole;
  status: UserStatus;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  async getById(id: number): Promise<UserEntity> {
    const user = await this.findById(id);
    if (!user) throw notFound('User');
    return user;
  }

  /** The user with their password hash, for sign-in and password checks only. */
  async findWithPasswordHash(where: { email: string } | { id: number }): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder('user').addSelect('user.passwordHash');
    if ('email' in where) query.where('user.email = :email', { email: normalizeEmail(where.email) });
    else query.where('user.id = :id', { id: where.id });
    return query.getOne();
  }

  async adminExists(): Promise<boolean> {
    return this.users.exists({ where: { role: 'admin' } });
  }

  /** Creates the user and their (empty) analytics row in the given transaction; 409 when the email is taken. */
  async create(input: NewUser, manager: EntityManager): Promise<UserEntity> {
    const now = new Date();
    const row = manager.getRepository(UserEntity).create({
      name: input.name,
      email: normalizeEmail(input.email),
      passwordHash: input.passwordHash,
      role: input.role,
      status: input.status,
      signupDate: now,
      lastLogin: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await manager.getRepository(UserEntity).insert(row);
    } catch (error) {
      if (isDuplicateEntry(error)) {
        throw conflict('An account with this email already exists', [
          { field: 'email', message: 'is already registered' },
        ]);
      }
      throw error;
    }
    await manager.getRepository(UserAnalyticsEntity).insert({ userId: row.id, updatedAt: now });
    return row;
  }

  async update(
    id: number,
    changes: Partial<Pick<UserEntity, 'name' | 'passwordHash' | 'lastLogin' | 'role' | 'status'>>,
    manager?: EntityManager,
  ): Promise<void> {
    const repository = manager ? manager.getRepository(UserEntity) : this.users;
    await repository.update({ id }, { ...changes, updatedAt: new Date() });
  }
}
