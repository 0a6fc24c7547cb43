import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NumberRequestStatus, Paginated, REALTIME_EVENTS, UserRef } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { ListNumberRequestsQueryDto, toNumberRequestDto } from '../number-requests/dto/number-request.dto';
import type { NumberRequestEntity } from '../number-requests/number-request.entity';
import { NumberRequestsService } from '../number-requests/number-requests.service';
import { PhoneNumberDto, toPhoneNumberDto } from '../numbers/dto/phone-number.dto';
import type { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { NumbersService } from '../numbers/numbers.service';
import type { NumberWish } from '../numbers/phone-number.types';
import { RealtimeBus } from '../realtime/realtime-bus';
import { UsersService } from '../users/users.service';
import {
  AdminNumberRequestDto,
  ApproveNumberRequestDto,
  DenyNumberRequestDto,
  FulfillNumberRequestDto,
  toAdminNumberRequestDto,
} from './dto/admin-number-request.dto';
import { NumberAssignmentService } from './number-assignment.service';

/** How many best matches are read per round while looking for one no other admin is assigning right now. */
const CANDIDATES_PER_ROUND = 10;
const MAX_ROUNDS = 10;

/**
 * The admins' side of number requests: the queue, and approve / fulfill / deny. Each decision runs in one
 * transaction holding the request's row lock (and the number's), and the requester hears of it once it commits.
 */
@Injectable()
export class AdminNumberRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly assignment: NumberAssignmentService,
    private readonly bus: RealtimeBus,
    private readonly requests: NumberRequestsService,
    private readonly numbers: NumbersService,
    private readonly users: UsersService,
  ) {}

  /** Pending requests first, then newest first, each with who asked. */
  async list(query: ListNumberRequestsQueryDto): Promise<Paginated<AdminNumberRequestDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.requests.queue(query.status, offset, pageSize);
    const users = await this.users.namesOf(rows.map((row) => row.userId));
    return paginated(
      rows.map((row) => toAdminNumberRequestDto(row, users.get(row.userId) ?? deletedUser(row.userId))),
      total,
      page,
      pageSize,
    );
  }

  /** The number approve would pick now (or null); only pending and approved requests can still get one. */
  async suggestion(id: number): Promise<PhoneNumberDto | null> {
    const request = await this.requests.findById(id);
    if (!request) throw notFound('Number request');
    if (request.status !== 'pending' && request.status !== 'approved') return null;
    const [best] = await this.numbers.availableMatches(wishOf(request), 1, []);
    if (best === undefined) return null;
    const number = await this.numbers.findById(best);
    return number ? toPhoneNumberDto(number) : null;
  }

  /**
   * Approves a pending request. With `numberId` that number (which must be available) is assigned; without, the
   * best available match: same area code and type, then same area code, then same type. With a number the request
   * is fulfilled at once; with none it is approved and waits for POST …/fulfill.
   */
  async approve(id: number, dto: ApproveNumberRequestDto, audit: AuditContext): Promise<AdminNumberRequestDto> {
    return this.decide(id, async (em, request) => {
      assertStatus(request, ['pending'], 'approved');
      const number =
        dto.numberId !== undefined
          ? await this.assignment.lockNumber(em, dto.numberId)
          : await this.claimBestMatch(em, request);
      const now = this.clock.now();
      request.adminNotes = dto.adminNotes ?? request.adminNotes;
      request.processedAt = now;
      request.status = 'approved';
      await this.record(em, 'request_approved', request, audit);
      if (number) await this.assignNumber(em, request, number, audit);
      await this.save(em, request);
    });
  }

  /** POST …/fulfill: assigns the given number to an approved request that was waiting for one. */
  async fulfill(id: number, dto: FulfillNumberRequestDto, audit: AuditContext): Promise<AdminNumberRequestDto> {
    return this.decide(id, async (em, request) => {
      assertStatus(request, ['approved'], 'fulfilled');
      const number = await this.assignment.lockNumber(em, dto.numberId);
      request.adminNotes = dto.adminNotes ?? request.adminNotes;
      request.processedAt = this.clock.now();
      await this.assignNumber(em, request, number, audit);
      await this.save(em, request);
    });
  }

  /** Denies a pending request, or an approved one still waiting for a number; the notes tell the requester why. */
  async deny(id: number, dto: DenyNumberRequestDto, audit: AuditContext): Promise<AdminNumberRequestDto> {
    return this.decide(id, async (em, request) => {
      assertStatus(request, ['pending', 'approved'], 'denied');
      request.status = 'denied';
      request.adminNotes = dto.adminNotes;
      request.processedAt = this.clock.now();
      await this.record(em, 'request_denied', request, audit);
      await this.save(em, request);
    });
  }

  /** Runs a decision on the locked request, then (after commit) tells the requester and answers the admin. */
  private async decide(
    id: number,
    work: (em: EntityManager, request: NumberRequestEntity) => Promise<void>,
  ): Promise<AdminNumberRequestDto> {
    const request = await this.dataSource.transaction(async (em) => {
      const request = await this.requests.lock(id, em);
      if (!request) throw notFound('Number request');
      await work(em, request);
      return request;
    });
    this.bus.publish({
      event: REALTIME_EVENTS.numberRequestUpdated,
      data: toNumberRequestDto(request),
      audience: { userId: request.userId },
    });
    const users = await this.users.namesOf([request.userId]);
    return toAdminNumberRequestDto(request, users.get(request.userId) ?? deletedUser(request.userId));
  }

  /** Gives the (locked) number to the requester and marks the request fulfilled with it; approve and fulfill share it. */
  private async assignNumber(
    em: EntityManager,
    request: NumberRequestEntity,
    number: PhoneNumberEntity,
    audit: AuditContext,
  ): Promise<void> {
    await this.assignment.assign(em, number, request.userId, audit, request);
    request.status = 'fulfilled';
    request.assignedNumberId = number.id;
    await this.record(em, 'request_fulfilled', request, audit, {
      numberId: number.id,
      phoneNumber: number.phoneNumber,
    });
  }

  /**
   * Locks the best available match for the request. The ranking is read without locks; each candidate is then
   * locked and re-checked, so a number another admin is assigning at this moment is passed over, never shared.
   */
  private async claimBestMatch(em: EntityManager, request: NumberRequestEntity): Promise<PhoneNumberEntity | null> {
    const tried: number[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const ids = await this.numbers.availableMatches(wishOf(request), CANDIDATES_PER_ROUND, tried, em);
      if (ids.length === 0) return null;
      for (const id of ids) {
        tried.push(id);
        const number = await this.numbers.lockIfAvailable(id, em);
        if (number) return number;
      }
    }
    return null;
  }

  private async record(
    em: EntityManager,
    action: 'request_approved' | 'request_fulfilled' | 'request_denied',
    request: NumberRequestEntity,
    audit: AuditContext,
    extra: Record<string, string | number> = {},
  ): Promise<void> {
    await this.activity.record(
      {
        action,
        audit,
        entityType: 'number_request',
        entityId: request.id,
        details: { requesterId: request.userId, ...extra },
      },
      em,
    );
  }

  private async save(em: EntityManager, request: NumberRequestEntity): Promise<void> {
    await this.requests.saveDecision(
      request.id,
      {
        status: request.status,
        adminNotes: request.adminNotes,
        assignedNumberId: request.assignedNumberId,
        processedAt: request.processedAt,
      },
      em,
    );
  }
}

/** What the request asks for, as the best-match ranking reads it (an area code only when it is three digits). */
function wishOf(request: NumberRequestEntity): NumberWish {
  const areaCode = request.areaCode && /^\d{3}$/.test(request.areaCode) ? request.areaCode : null;
  return { areaCode, numberType: request.numberType };
}

function assertStatus(request: NumberRequestEntity, allowed: NumberRequestStatus[], target: string): void {
  if (!allowed.includes(request.status)) {
    throw conflict(`The request is ${request.status}; only ${allowed.join(' or ')} requests can be ${target}`);
  }
}

/** Requests are deleted with their user (ON DELETE CASCADE), so this only covers a race with that deletion. */
function deletedUser(id: number): UserRef {
  return { id, name: '', email: '' };
}
