import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LIMITS, NumberRequestStatus, Paginated } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { conflict, forbidden, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { UsersService } from '../users/users.service';
import {
  CreateNumberRequestDto,
  ListNumberRequestsQueryDto,
  NumberRequestDto,
  toNumberRequestDto,
} from './dto/number-request.dto';
import type { NumberRequestEntity } from './number-request.entity';
import { NumberRequestDecision, NumberRequestRepository } from './number-request.repository';

/**
 * A client's requests for phone numbers (pending accounts may ask too), and the way the admins' queue reaches the
 * `number_requests` table. Queries live in NumberRequestRepository.
 */
@Injectable()
export class NumberRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly requests: NumberRequestRepository,
    private readonly users: UsersService,
  ) {}

  async listMine(userId: number, query: ListNumberRequestsQueryDto): Promise<Paginated<NumberRequestDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.requests.listOfUser(userId, query.status, offset, pageSize);
    return paginated(rows.map(toNumberRequestDto), total, page, pageSize);
  }

  async create(dto: CreateNumberRequestDto, audit: AuditContext): Promise<NumberRequestDto> {
    const { actor } = audit;
    if (actor.status === 'suspended') throw forbidden('Your account is suspended');
    const row = await this.dataSource.transaction(async (em) => {
      // The owner's row lock serialises concurrent requests, so the pending limit holds.
      await this.users.lock(actor.userId, 'write', em);
      const pending = await this.requests.countPendingOf(actor.userId, em);
      if (pending >= LIMITS.pendingNumberRequests) {
        throw conflict(
          `You already have ${LIMITS.pendingNumberRequests} pending requests; wait for them or cancel one`,
        );
      }
      const entity = await this.requests.insert(
        {
          userId: actor.userId,
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
        },
        em,
      );
      await this.activity.record(
        {
          action: 'request_created',
          audit,
          entityType: 'number_request',
          entityId: entity.id,
          details: { numberType: entity.numberType, areaCode: entity.areaCode },
        },
        em,
      );
      return entity;
    });
    return toNumberRequestDto(row);
  }

  /** Cancels (deletes) my own pending request; a processed one is a 409, another user's a 404. */
  async cancel(id: number, audit: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.requests.lockById(id, em, audit.actor.userId);
      if (!row) throw notFound('Number request');
      if (row.status !== 'pending')
        throw conflict(`The request is already ${row.status}; only pending requests can be cancelled`);
      await this.requests.delete(id, em);
      await this.activity.record({ action: 'request_canceled', audit, entityType: 'number_request', entityId: id }, em);
    });
  }

  /** The admins' queue: every user's requests, pending first, then newest first; and the total matching. */
  async queue(
    status: NumberRequestStatus | undefined,
    offset: number,
    limit: number,
  ): Promise<[NumberRequestEntity[], number]> {
    return this.requests.listQueue(status, offset, limit);
  }

  async findById(id: number): Promise<NumberRequestEntity | null> {
    return this.requests.findById(id);
  }

  /** The request, locked FOR UPDATE until the transaction ends (an admin's decision); null when unknown. */
  async lock(id: number, manager: EntityManager): Promise<NumberRequestEntity | null> {
    return this.requests.lockById(id, manager);
  }

  /** Saves an admin's decision: status, notes, the number assigned and when. */
  async saveDecision(id: number, decision: NumberRequestDecision, manager: EntityManager): Promise<void> {
    await this.requests.saveDecision(id, decision, manager);
  }

  /** How many requests wait for an admin (the admin overview). */
  async pendingCount(): Promise<number> {
    return this.requests.countPending();
  }
}
