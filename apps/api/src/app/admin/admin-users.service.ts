import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { ActivityAction, Paginated } from '@hh/contracts';
import { badRequest, conflict, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { UserAnalyticsEntity } from '../analytics/user-analytics.entity';
import { SessionsService } from '../auth/sessions.service';
import { toPhoneNumberDto } from '../numbers/dto/phone-number.dto';
import { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { toUserDto } from '../users/dto/user.dto';
import { UserEntity } from '../users/user.entity';
import {
  AdminUserDetailDto,
  AdminUserDto,
  ListUsersQueryDto,
  toUserAnalyticsDto,
  UpdateUserDto,
} from './dto/admin-user.dto';
import { escapeLike } from '../../common/database/like';
import type { Actor } from './number-assignment.service';

/** Users as admins manage them: search, details, approval, suspension and roles, with the admin guard rails. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly sessions: SessionsService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Paginated<AdminUserDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (query.q) qb.andWhere('(u.name LIKE :q OR u.email LIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    const [users, total] = await qb
      .orderBy('u.createdAt', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();

    const ids = users.map((user) => user.id);
    const calls = new Map<number, number>();
    const numbers = new Map<number, number>();
    if (ids.length > 0) {
      const analytics = await this.dataSource
        .getRepository(UserAnalyticsEntity)
        .find({ select: { userId: true, totalCalls: true }, where: { userId: In(ids) } });
      analytics.forEach((row) => calls.set(row.userId, row.totalCalls));
      const counts = await this.dataSource
        .getRepository(PhoneNumberEntity)
        .createQueryBuilder('n')
        .select('n.ownerId', 'ownerId')
        .addSelect('COUNT(*)', 'count')
        .where("n.ownerId IN (:...ids) AND n.status = 'assigned'", { ids })
        .groupBy('n.ownerId')
        .getRawMany<{ ownerId: number; count: string | number }>();
      counts.forEach((row) => numbers.set(Number(row.ownerId), Number(row.count)));
    }
    const data = users.map((user) => ({
      ...toUserDto(user),
      totalCalls: calls.get(user.id) ?? 0,
      numbersCount: numbers.get(user.id) ?? 0,
    }));
    return paginated(data, total, page, pageSize);
  }

  async get(id: number): Promise<AdminUserDetailDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound('User');
    const [analytics, numbers] = await Promise.all([
      this.dataSource.getRepository(UserAnalyticsEntity).findOneBy({ userId: id }),
      this.dataSource
        .getRepository(PhoneNumberEntity)
        .find({ where: { ownerId: id }, order: { assignedDate: 'ASC', id: 'ASC' } }),
    ]);
    return { ...toUserDto(user), analytics: toUserAnalyticsDto(analytics), numbers: numbers.map(toPhoneNumberDto) };
  }

  /**
   * Approves (status active), suspends (and ends every session of the user), reactivates, changes the role or the
   * name. An admin cannot demote or suspend themselves, and the last active admin stays one: the active admins'
   * rows are locked first, so two admins demoting each other at once cannot both succeed.
   */
  async update(id: number, dto: UpdateUserDto, actor: Actor): Promise<AdminUserDto> {
    if (dto.role === undefined && dto.status === undefined && dto.name === undefined) {
      throw badRequest('Send at least one of role, status, name');
    }
    const user = await this.dataSource.transaction(async (em) => {
      const users = em.getRepository(UserEntity);
      const activeAdmins =
        dto.role !== undefined || dto.status !== undefined
          ? await users
              .createQueryBuilder('u')
              .select('u.id')
              .setLock('pessimistic_write')
              .where("u.role = 'admin' AND u.status = 'active'")
              .orderBy('u.id')
              .getMany()
          : [];
      const user = await users
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id })
        .getOne();
      if (!user) throw notFound('User');

      const role = dto.role ?? user.role;
      const status = dto.status ?? user.status;
      const wasActiveAdmin = user.role === 'admin' && user.status === 'active';
      if (wasActiveAdmin && (role !== 'admin' || status !== 'active')) {
        const what = role !== 'admin' ? 'demoted' : status === 'suspended' ? 'suspended' : 'deactivated';
        if (!activeAdmins.some((admin) => admin.id !== user.id)) {
          throw conflict(`User ${user.id} is the last active admin and cannot be ${what}; make another admin first`);
        }
        if (user.id === actor.userId) {
          throw conflict(`You cannot ${what === 'demoted' ? 'demote' : 'suspend'} yourself; ask another admin`);
        }
      }
      if (status === 'pending' && user.status !== 'pending') {
        throw conflict('An approved account cannot go back to pending; suspend it instead');
      }

      const changes: Partial<Pick<UserEntity, 'role' | 'status' | 'name'>> = {};
      const entries: [ActivityAction, string, string][] = [];
      if (role !== user.role) {
        changes.role = role;
        entries.push(['user_role_changed', user.role, role]);
      }
      if (status !== user.status) {
        changes.status = status;
        entries.push(['user_status_changed', user.status, status]);
      }
      if (dto.name !== undefined && dto.name !== user.name) {
        changes.name = dto.name;
        entries.push(['user_updated', user.name, dto.name]);
      }
      if (entries.length === 0) return user;

      await users.update({ id }, { ...changes, updatedAt: new Date() });
      for (const [action, from, to] of entries) {
        await this.activity.record(
          {
            action,
            userId: actor.userId,
            entityType: 'user',
            entityId: id,
            details: action === 'user_updated' ? { field: 'name', from, to } : { from, to },
            client: actor.client,
          },
          em,
        );
      }
      if (changes.status === 'suspended') await this.sessions.revokeAllOfUser(id, 'suspended', undefined, em);
      return Object.assign(user, changes);
    });
    return this.summary(user);
  }

  private async summary(user: UserEntity): Promise<AdminUserDto> {
    const [analytics, numbersCount] = await Promise.all([
      this.dataSource.getRepository(UserAnalyticsEntity).findOneBy({ userId: user.id }),
      this.dataSource.getRepository(PhoneNumberEntity).countBy({ ownerId: user.id, status: 'assigned' }),
    ]);
    return { ...toUserDto(user), totalCalls: analytics?.totalCalls ?? 0, numbersCount };
  }
}
