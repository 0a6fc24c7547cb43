import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { NumberRequestStatus, Paginated, REALTIME_EVENTS } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { ListNumberRequestsQueryDto, toNumberRequestDto } from '../number-requests/dto/number-request.dto';
import { NumberRequestEntity } from '../number-requests/number-request.entity';
import { PhoneNumberDto, toPhoneNumberDto } from '../numbers/dto/phone-number.dto';
import { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { UserEntity } from '../users/user.entity';
import {
  AdminNumberRequestDto,
  ApproveNumberRequestDto,
  DenyNumberRequestDto,
  FulfillNumberRequestDto,
  toAdminNumberRequestDto,
} from './dto/admin-number-request.dto';
import { Actor, NumberAssignment } from './number-assignment.service';

/** How many best matches are read per round while looking for one no other admin is assigning right now. */
const CANDIDATES_PER_ROUND = 10;
const MAX_ROUNDS = 10;

/**
 * The admins' side of number requests: the queue, and approve / fulfil / deny. Each decision runs in one
 * transaction holding the request's row lock (and the number's), and the requester hears of it once it commits.
 */
@Injectable()
export class AdminNumberRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly assignment: NumberAssignment,
    private readonly bus: RealtimeBus,
  ) {}

  /** Pending requests first, then newest first, each with who asked. */
  async list(query: ListNumberRequestsQueryDto): Promise<Paginated<AdminNumberRequestDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(NumberRequestEntity).createQueryBuilder('r');
    if (query.status) qb.where('r.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy(`CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const users = await this.usersOf(rows.map((row) => row.userId));
    return paginated(
      rows.map((row) => toAdminNumberRequestDto(row, users.get(row.userId) ?? deletedUser(row.userId))),
      total,
      page,
      pageSize,
    );
  }

  /** The number approve would pick now (or null); only pending and approved requests can still get one. */
  async suggestion(id: number): Promise<PhoneNumberDto | null> {
    const request = await this.dataSource.getRepository(NumberRequestEntity).findOneBy({ id });
    if (!request) throw notFound('Number request');
    if (request.status !== 'pending' && request.status !== 'approved') return null;
    const [best] = await this.candidates(this.dataSource.manager, request, 1, []);
    if (best === undefined) return null;
    const number = await this.dataSource.getRepository(PhoneNumberEntity).findOneBy({ id: best });
    return number ? toPhoneNumberDto(number) : null;
  }

  /**
   * Approves a pending request. With `numberId` that number (which must be available) is assigned; without, the
   * best available match: same area code and type, then same area code, then same type. With a number the request
   * is fulfilled at once; with none it is approved and waits for POST …/fulfill.
   */
  async approve(id: number, dto: ApproveNumberRequestDto, actor: Actor): Promise<AdminNumberRequestDto> {
    return this.decide(id, actor, async (em, request) => {
      assertStatus(request, ['pending'], 'approved');
      const number =
        dto.numberId !== undefined
          ? await this.assignment.lockNumber(em, dto.numberId)
          : await this.claimBestMatch(em, request);
      const now = this.clock.now();
      request.adminNotes = dto.adminNotes ?? request.adminNotes;
      request.processedAt = now;
      request.status = 'approved';
      await this.record(em, 'request_approved', request, actor);
      if (number) await this.fulfil(em, request, number, actor);
      await this.save(em, request);
    });
  }

  /** Assigns a number to an approved request that was waiting for one. */
  async fulfill(id: number, dto: FulfillNumberRequestDto, actor: Actor): Promise<AdminNumberRequestDto> {
    return this.decide(id, actor, async (em, request) => {
      assertStatus(request, ['approved'], 'fulfilled');
      const number = await this.assignment.lockNumber(em, dto.numberId);
      request.adminNotes = dto.adminNotes ?? request.adminNotes;
      request.processedAt = this.clock.now();
      await this.fulfil(em, request, number, actor);
      await this.save(em, request);
    });
  }

  /** Denies a pending request, or an approved one still waiting for a number; the notes tell the requester why. */
  async deny(id: number, dto: DenyNumberRequestDto, actor: Actor): Promise<AdminNumberRequestDto> {
    return this.decide(id, actor, async (em, request) => {
      assertStatus(request, ['pending', 'approved'], 'denied');
      request.status = 'denied';
      request.adminNotes = dto.adminNotes;
      request.processedAt = this.clock.now();
      await this.record(em, 'request_denied', request, actor);
      await this.save(em, request);
    });
  }

  /** Runs a decision on the locked request, then (after commit) tells the requester and answers the admin. */
  private async decide(
    id: number,
    actor: Actor,
    work: (em: EntityManager, request: NumberRequestEntity) => Promise<void>,
  ): Promise<AdminNumberRequestDto> {
    const request = await this.dataSource.transaction(async (em) => {
      const request = await em
        .getRepository(NumberRequestEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id })
        .getOne();
      if (!request) throw notFound('Number request');
      await work(em, request);
      return request;
    });
    this.bus.publish({
      event: REALTIME_EVENTS.numberRequestUpdated,
      data: toNumberRequestDto(request),
      audience: { userId: request.userId },
    });
    const users = await this.usersOf([request.userId]);
    return toAdminNumberRequestDto(request, users.get(request.userId) ?? deletedUser(request.userId));
  }

  private async fulfil(
    em: EntityManager,
    request: NumberRequestEntity,
    number: PhoneNumberEntity,
    actor: Actor,
  ): Promise<void> {
    await this.assignment.assign(em, number, request.userId, actor, request);
    request.status = 'fulfilled';
    request.assignedNumberId = number.id;
    await this.record(em, 'request_fulfilled', request, actor, {
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
      const ids = await this.candidates(em, request, CANDIDATES_PER_ROUND, tried);
      if (ids.length === 0) return null;
      for (const id of ids) {
        tried.push(id);
        const number = await em
          .getRepository(PhoneNumberEntity)
          .createQueryBuilder('n')
          .setLock('pessimistic_write')
          .where("n.id = :id AND n.status = 'available' AND n.ownerId IS NULL", { id })
          .getOne();
        if (number) return number;
      }
    }
    return null;
  }

  /** Ids of available numbers matching the request's area code or type, best first. */
  private async candidates(
    em: EntityManager,
    request: NumberRequestEntity,
    limit: number,
    excluded: number[],
  ): Promise<number[]> {
    const qb = em
      .getRepository(PhoneNumberEntity)
      .createQueryBuilder('n')
      .select('n.id', 'id')
      .where("n.status = 'available' AND n.ownerId IS NULL");
    const areaCode = request.areaCode && /^\d{3}$/.test(request.areaCode) ? request.areaCode : null;
    if (areaCode) {
      qb.andWhere('(n.phoneNumber LIKE :prefix OR n.numberType = :type)', {
        prefix: `+1${areaCode}%`,
        type: request.numberType,
      })
        .orderBy('(n.phoneNumber LIKE :prefix AND n.numberType = :type)', 'DESC')
        .addOrderBy('(n.phoneNumber LIKE :prefix)', 'DESC');
    } else {
      qb.andWhere('n.numberType = :type', { type: request.numberType });
    }
    if (excluded.length > 0) qb.andWhere('n.id NOT IN (:...excluded)', { excluded });
    const rows = await qb.addOrderBy('n.id', 'ASC').limit(limit).getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  private async record(
    em: EntityManager,
    action: 'request_approved' | 'request_fulfilled' | 'request_denied',
    request: NumberRequestEntity,
    actor: Actor,
    extra: Record<string, string | number> = {},
  ): Promise<void> {
    await this.activity.record(
      {
        action,
        userId: actor.userId,
        entityType: 'number_request',
        entityId: request.id,
        details: { requesterId: request.userId, ...extra },
        client: actor.client,
      },
      em,
    );
  }

  private async save(em: EntityManager, request: NumberRequestEntity): Promise<void> {
    await em.getRepository(NumberRequestEntity).update(
      { id: request.id },
      {
        status: request.status,
        adminNotes: request.adminNotes,
        assignedNumberId: request.assignedNumberId,
        processedAt: request.processedAt,
      },
    );
  }

  private async usersOf(ids: number[]): Promise<Map<number, Pick<UserEntity, 'id' | 'name' | 'email'>>> {
    if (ids.length === 0) return new Map();
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ select: { id: true, name: true, email: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(users.map((user) => [user.id, user]));
  }
}

function assertStatus(request: NumberRequestEntity, allowed: NumberRequestStatus[], target: string): void {
  if (!allowed.includes(request.status)) {
    throw conflict(`The request is ${request.status}; only ${allowed.join(' or ')} requests can be ${target}`);
  }
}

/** Requests are deleted with their user (ON DELETE CASCADE), so this only covers a race with that deletion. */
function deletedUser(id: number): Pick<UserEntity, 'id' | 'name' | 'email'> {
  return { id, name: '', email: '' };
}
