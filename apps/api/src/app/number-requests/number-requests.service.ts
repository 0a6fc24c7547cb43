import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LIMITS, Paginated } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { conflict, forbidden, notFound } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { paginated, pageWindow } from '../../common/http/pagination';
import type { Principal } from '../../common/guards/principal';
import { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../users/user.entity';
import {
  CreateNumberRequestDto,
  ListNumberRequestsQueryDto,
  NumberRequestDto,
  toNumberRequestDto,
} from './dto/number-request.dto';
import { NumberRequestEntity } from './number-request.entity';

/** A client's requests for phone numbers; pending accounts may ask too. */
@Injectable()
export class NumberRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
  ) {}

  async listMine(userId: number, query: ListNumberRequestsQueryDto): Promise<Paginated<NumberRequestDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(NumberRequestEntity).findAndCount({
      where: { userId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: pageSize,
    });
    return paginated(rows.map(toNumberRequestDto), total, page, pageSize);
  }

  async create(principal: Principal, dto: CreateNumberRequestDto, client: ClientContext): Promise<NumberRequestDto> {
    if (principal.status === 'suspended') throw forbidden('Your account is suspended');
    const row = await this.dataSource.transaction(async (em) => {
      // The owner's row lock serialises concurrent requests, so the pending limit holds.
      await em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: principal.userId })
        .getOne();
      const pending = await em
        .getRepository(NumberRequestEntity)
        .countBy({ userId: principal.userId, status: 'pending' });
      if (pending >= LIMITS.pendingNumberRequests) {
        throw conflict(
          `You already have ${LIMITS.pendingNumberRequests} pending requests; wait for them or cancel one`,
        );
      }
      const entity = em.getRepository(NumberRequestEntity).create({
        userId: principal.userId,
        numberType: dto.numberType,
        areaCode: dto.areaCode ?? null,
        cityPreference: dto.cityPreference ?? null,
        businessName: dto.businessName ?? null,
        businessWebsite: dto.businessWebsite ?? null,
        reason: dto.reason ?? null,
        status: 'pending',
        adminNotes: null,
        assignedNumberId: null,
        createdAt: this.clock.now(),
        processedAt: null,
      });
      await em.getRepository(NumberRequestEntity).insert(entity);
      await this.activity.record(
        {
          action: 'request_created',
          userId: principal.userId,
          entityType: 'number_request',
          entityId: entity.id,
          details: { numberType: entity.numberType, areaCode: entity.areaCode },
          client,
        },
        em,
      );
      return entity;
    });
    return toNumberRequestDto(row);
  }

  /** Cancels (deletes) my own pending request; a processed one is a 409, another user's a 404. */
  async cancel(principal: Principal, id: number, client: ClientContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em
        .getRepository(NumberRequestEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.userId = :userId', { id, userId: principal.userId })
        .getOne();
      if (!row) throw notFound('Number request');
      if (row.status !== 'pending')
        throw conflict(`The request is already ${row.status}; only pending requests can be cancelled`);
      await em.getRepository(NumberRequestEntity).delete({ id });
      await this.activity.record(
        { action: 'request_canceled', userId: principal.userId, entityType: 'number_request', entityId: id, client },
        em,
      );
    });
  }
}
