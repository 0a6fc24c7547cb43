import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivityAction, Paginated } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { badRequest, conflict, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { RollupsService } from '../analytics/rollups.service';
import { SessionsService } from '../auth/sessions.service';
import { toPhoneNumberDto } from '../numbers/dto/phone-number.dto';
import { NumbersService } from '../numbers/numbers.service';
import { toUserDto } from '../users/dto/user.dto';
import type { UserEntity } from '../users/user.entity';
import type { UserChanges } from '../users/user.types';
import { UsersService } from '../users/users.service';
import {
  AdminUserDetailDto,
  AdminUserDto,
  ListUsersQueryDto,
  toUserAnalyticsDto,
  UpdateUserDto,
} from './dto/admin-user.dto';

/** Users as admins manage them: search, details, approval, suspension and roles, with the admin guard rails. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly numbers: NumbersService,
    private readonly rollups: RollupsService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Paginated<AdminUserDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [users, total] = await this.users.list(
      { q: query.q, role: query.role, status: query.status },
      offset,
      pageSize,
    );
    const ids = users.map((user) => user.id);
    const [calls, numbers] = await Promise.all([this.rollups.totalCallsOf(ids), this.numbers.countAssignedToEach(ids)]);
    const data = users.map((user) => ({
      ...toUserDto(user),
      totalCalls: calls.get(user.id) ?? 0,
      numbersCount: numbers.get(user.id) ?? 0,
    }));
    return paginated(data, total, page, pageSize);
  }

  async get(id: number): Promise<AdminUserDetailDto> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User');
    const [analytics, numbers] = await Promise.all([this.rollups.userTotals(id), this.numbers.ofOwner(id)]);
    return { ...toUserDto(user), analytics: toUserAnalyticsDto(analytics), numbers: numbers.map(toPhoneNumberDto) };
  }

  /**
   * Approves (status active), suspends (and ends every session of the user), reactivates, changes the role or the
   * name. An admin cannot demote or suspend themselves, and the last active admin stays one: the active admins'
   * rows are locked first, so two admins demoting each other at once cannot both succeed.
   */
  async update(id: number, dto: UpdateUserDto, audit: AuditContext): Promise<AdminUserDto> {
    if (dto.role === undefined && dto.status === undefined && dto.name === undefined) {
      throw badRequest('Send at least one of role, status, name');
    }
    const user = await this.dataSource.transaction(async (em) => {
      const activeAdminIds =
        dto.role !== undefined || dto.status !== undefined ? await this.users.lockActiveAdminIds(em) : [];
      const user = await this.users.lock(id, 'write', em);
      if (!user) throw notFound('User');

      const role = dto.role ?? user.role;
      const status = dto.status ?? user.status;
      const wasActiveAdmin = user.role === 'admin' && user.status === 'active';
      if (wasActiveAdmin && (role !== 'admin' || status !== 'active')) {
        const what = role !== 'admin' ? 'demoted' : status === 'suspended' ? 'suspended' : 'deactivated';
        if (!activeAdminIds.some((adminId) => adminId !== user.id)) {
          throw conflict(`User ${user.id} is the last active admin and cannot be ${what}; make another admin first`);
        }
        if (user.id === audit.actor.userId) {
          throw conflict(`You cannot ${what === 'demoted' ? 'demote' : 'suspend'} yourself; ask another admin`);
        }
      }
      if (status === 'pending' && user.status !== 'pending') {
        throw conflict('An approved account cannot go back to pending; suspend it instead');
      }

      const changes: UserChanges = {};
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

      await this.users.update(id, changes, em);
      for (const [action, from, to] of entries) {
        await this.activity.record(
          {
            action,
            audit,
            entityType: 'user',
            entityId: id,
            details: action === 'user_updated' ? { field: 'name', from, to } : { from, to },
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
      this.rollups.userTotals(user.id),
      this.numbers.countAssignedTo(user.id),
    ]);
    return { ...toUserDto(user), totalCalls: analytics?.totalCalls ?? 0, numbersCount };
  }
}
