import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  CALL_STATUSES,
  CallStats,
  CallStatus,
  canUseTelephony,
  FAILED_CALL_STATUSES,
  HANGUP_TRANSITIONS,
  Paginated,
  toE164,
} from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { withDeadlockRetry } from '../../common/database/deadlock-retry';
import { roundMoney, roundRatio } from '../../common/money';
import { dateBounds } from '../../common/time/date-bounds';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { paginated, pageWindow } from '../../common/http/pagination';
import type { Principal } from '../../common/guards/principal';
import { ActivityService } from '../activity/activity.service';
import { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { PlacedCall, VOIP_PROVIDER, VoipProvider } from '../voip/voip-provider';
import { nextTransition } from './call-lifecycle';
import { CallEngine } from './call-engine.service';
import { CallEventEntity } from './call-event.entity';
import { CallEntity } from './call.entity';
import {
  CallFiltersDto,
  DateRangeQueryDto,
  ListCallsQueryDto,
  PlaceCallDto,
  UpdateCallDto,
} from './dto/call-requests.dto';
import { CallDto, toCallDto } from './dto/call.dto';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** The driver connection under a query runner (mysql2's PoolConnection). */
interface Destroyable {
  destroy(): void;
}

const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface PlacedCallResult {
  call: CallDto;
  replayed: boolean;
}

/** Calls of one user (the caller's own: another user's call is a 404, never a 403). */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(VOIP_PROVIDER) private readonly provider: VoipProvider,
    private readonly clock: Clock,
    private readonly engine: CallEngine,
    private readonly activity: ActivityService,
  ) {}

  async place(
    principal: Principal,
    dto: PlaceCallDto,
    idempotencyKey: string | undefined,
    client: ClientContext,
  ): Promise<PlacedCallResult> {
    if (!canUseTelephony(principal.status)) {
      throw forbidden(
        principal.status === 'pending'
          ? 'Your account is awaiting approval; calls unlock once an admin approves it'
          : 'Your account is suspended',
      );
    }
    const toNumber = toE164(dto.toNumber);
    if (!toNumber) throw fieldError('toNumber', 'is not a valid, dialable phone number');
    const fromNumber = await this.callerId(principal.userId, dto.fromNumber);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw badRequest('Idempotency-Key must be 1–255 printable ASCII characters');
    }

    // Asked once: a transaction retried after a deadlock reuses the provider's call rather than dialling again.
    let placing: Promise<PlacedCall> | undefined;
    const create = async (em: EntityManager): Promise<CallEntity> => {
      placing ??= this.provider.placeCall({ from: fromNumber, to: toNumber });
      const placed = await placing;
      const now = this.clock.now();
      const call = em.getRepository(CallEntity).create({
        userId: principal.userId,
        fromNumber,
        toNumber,
        direction: 'outbound',
        status: 'initiated',
        durationSeconds: 0,
        startTime: now,
        endTime: null,
        answeredAt: null,
        callSid: placed.callSid,
        provider: this.provider.name,
        recordingUrl: null,
        cost: 0,
        notes: dto.notes?.trim() || null,
        planOutcome: placed.plan?.outcome ?? null,
        planRingMs: placed.plan?.ringMs ?? null,
        planOutcomeMs: placed.plan?.outcomeMs ?? null,
        planTalkSeconds: placed.plan?.talkSeconds ?? null,
      });
      const next = placed.plan ? nextTransition('initiated', placed.plan, now, this.config.voip.mockSpeed) : null;
      call.nextStatus = next?.status ?? null;
      call.nextTransitionAt = next?.at ?? null;
      await em.getRepository(CallEntity).insert(call);
      await em
        .getRepository(CallEventEntity)
        .insert({ callId: call.id, status: 'initiated', occurredAt: now, recordedAt: now, source: 'api' });
      await this.activity.record(
        {
          action: 'call_initiated',
          userId: principal.userId,
          entityType: 'call',
          entityId: call.id,
          details: { fromNumber, toNumber },
          client,
        },
        em,
      );
      return call;
    };

    if (idempotencyKey === undefined) {
      // InnoDB may pick this insert as a deadlock victim against the engine's batch: retry, never a 500.
      const call = await withDeadlockRetry(() => this.dataSource.transaction(create));
      this.engine.publish([call]);
      return { call: toCallDto(call), replayed: false };
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify([toNumber, fromNumber, dto.notes ?? null]))
      .digest('hex');
    const result = await withDeadlockRetry(() => this.placeOnce(principal.userId, idempotencyKey, requestHash, create));
    if (!result.replayed) this.engine.publish([result.call]);
    return { call: toCallDto(result.call), replayed: result.replayed };
  }

  /**
   * The same Idempotency-Key from the same user within 24 h returns the first call. The key's row is locked for
   * the whole transaction, so concurrent identical requests queue behind the first and then find its call.
   */
  private async placeOnce(
    userId: number,
    key: string,
    requestHash: string,
    create: (em: EntityManager) => Promise<CallEntity>,
  ): Promise<{ call: CallEntity; replayed: boolean }> {
    await this.dataSource.query(
      'INSERT IGNORE INTO idempotency_keys (user_id, idempotency_key, request_hash, call_id, created_at) VALUES (?, ?, ?, NULL, ?)',
      [userId, key, requestHash, this.clock.now()],
    );
    return this.dataSource.transaction(async (em) => {
      const keys = em.getRepository(IdempotencyKeyEntity);
      const row = await keys
        .createQueryBuilder('k')
        .setLock('pessimistic_write')
        .where('k.userId = :userId AND k.key = :key', { userId, key })
        .getOne();
      const now = this.clock.now();
      if (!row || now.getTime() - row.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
        await keys.upsert({ userId, key, requestHash, callId: null, createdAt: now }, ['userId', 'key']);
      } else if (row.callId === null) {
        // An earlier request with this key made no call (it failed): the key is still free for this one.
        if (row.requestHash !== requestHash) await keys.update({ userId, key }, { requestHash });
      } else {
        if (row.requestHash !== requestHash) {
          throw conflict('This Idempotency-Key was already used with a different request; use a new key');
        }
        const existing = await em.getRepository(CallEntity).findOneBy({ id: row.callId });
        if (existing) return { call: existing, replayed: true };
      }
      const call = await create(em);
      await keys.update({ userId, key }, { callId: call.id });
      return { call, replayed: false };
    });
  }

  /** The caller ID: one of the user's assigned numbers (their first by default); none at all is a 409. */
  private async callerId(userId: number, requested: string | undefined): Promise<string> {
    const numbers = await this.dataSource.getRepository(PhoneNumberEntity).find({
      where: { ownerId: userId, status: 'assigned' },
      order: { assignedDate: 'ASC', id: 'ASC' },
      select: { phoneNumber: true },
    });
    if (numbers.length === 0) {
      throw conflict('You have no phone number yet: request one, and place calls once it is assigned');
    }
    if (requested === undefined) return numbers[0]?.phoneNumber ?? '';
    const wanted = toE164(requested);
    if (!wanted || !numbers.some((n) => n.phoneNumber === wanted)) {
      throw fieldError('fromNumber', 'is not one of your assigned numbers');
    }
    return wanted;
  }

  async list(userId: number | undefined, query: ListCallsQueryDto): Promise<Paginated<CallDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.filtered(userId, query);
    const [rows, total] = await qb.skip(offset).take(pageSize).getManyAndCount();
    return paginated(rows.map(toCallDto), total, page, pageSize);
  }

  async get(userId: number, id: number): Promise<CallDto> {
    return toCallDto(await this.findOwn(this.dataSource.manager, userId, id));
  }

  /** Hang-up (initiated/ringing → canceled, in_progress → completed) and notes; any other transition is a 409. */
  async update(principal: Principal, id: number, dto: UpdateCallDto, client: ClientContext): Promise<CallDto> {
    if (dto.status === undefined && dto.notes === undefined) throw badRequest('Send status and/or notes');
    let hungUp = false;
    const call = await this.dataSource.transaction(async (em) => {
      const call = await this.findOwn(em, principal.userId, id, true);
      if (dto.status !== undefined && dto.status !== call.status) {
        const allowed = HANGUP_TRANSITIONS[call.status];
        if (allowed !== dto.status) {
          throw conflict(
            allowed
              ? `A ${call.status} call can only become ${allowed}`
              : `The call is already ${call.status}; its status can no longer change`,
          );
        }
        const now = this.clock.now();
        await this.engine.applyTransition(em, call, dto.status, now, 'api', now, client);
        hungUp = true;
      } else if (dto.status !== undefined && dto.status === call.status && !isSettable(call.status)) {
        throw conflict(`The call is already ${call.status}`);
      }
      if (dto.notes !== undefined) {
        call.notes = dto.notes === null ? null : dto.notes.trim() || null;
        await em.getRepository(CallEntity).update({ id: call.id }, { notes: call.notes });
      }
      return call;
    });
    if (hungUp && call.callSid) await this.provider.hangup(call.callSid).catch(() => undefined);
    this.engine.publish([call]);
    return toCallDto(call);
  }

  async sendDigits(userId: number, id: number, digits: string): Promise<void> {
    const call = await this.findOwn(this.dataSource.manager, userId, id);
    if (call.status !== 'in_progress' || !call.callSid) {
      throw conflict(`Digits can only be sent during an answered call; this one is ${call.status}`);
    }
    await this.provider.sendDigits(call.callSid, digits);
  }

  async stats(userId: number | undefined, range: DateRangeQueryDto): Promise<CallStats> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (userId !== undefined) {
      where.push('user_id = ?');
      params.push(userId);
    }
    const { from, to } = dateBounds(range);
    if (from) {
      where.push('start_time >= ?');
      params.push(from);
    }
    if (to) {
      where.push('start_time < ?');
      params.push(to);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const failedList = FAILED_CALL_STATUSES.map((s) => `'${s}'`).join(', ');
    const byStatusRows: { status: CallStatus; calls: string; duration: string | null; cost: string | null }[] =
      await this.dataSource.query(
        `SELECT status, COUNT(*) AS calls, SUM(duration_seconds) AS duration, SUM(cost) AS cost FROM calls ${clause} GROUP BY status`,
        params,
      );
    const dailyRows: {
      day: string;
      calls: string;
      successful: string;
      failed: string;
      duration: string;
      cost: string;
    }[] = await this.dataSource.query(
      `SELECT DATE_FORMAT(start_time, '%Y-%m-%d') AS day, COUNT(*) AS calls,
                SUM(status = 'completed') AS successful, SUM(status IN (${failedList})) AS failed,
                SUM(duration_seconds) AS duration, SUM(cost) AS cost
           FROM calls ${clause} GROUP BY day ORDER BY day`,
      params,
    );
    const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
    let totalCalls = 0;
    let totalDurationSeconds = 0;
    let totalCost = 0;
    for (const row of byStatusRows) {
      byStatus[row.status] = Number(row.calls);
      totalCalls += Number(row.calls);
      totalDurationSeconds += Number(row.duration ?? 0);
      totalCost += Number(row.cost ?? 0);
    }
    const successfulCalls = byStatus.completed;
    const failedCalls = FAILED_CALL_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
    return {
      totalCalls,
      successfulCalls,
      failedCalls,
      canceledCalls: byStatus.canceled,
      totalDurationSeconds,
      averageDurationSeconds: successfulCalls ? Math.round((totalDurationSeconds / successfulCalls) * 10) / 10 : 0,
      totalCost: roundMoney(totalCost),
      successRate: successfulCalls + failedCalls ? roundRatio(successfulCalls / (successfulCalls + failedCalls)) : 0,
      byStatus,
      daily: dailyRows.map((row) => ({
        date: row.day,
        calls: Number(row.calls),
        successful: Number(row.successful),
        failed: Number(row.failed),
        durationSeconds: Number(row.duration),
        cost: roundMoney(Number(row.cost)),
      })),
    };
  }

  /**
   * Every matching call as CSV, streamed row by row from the database (never held in memory). The query runs on
   * a connection of its own, held until the last row is read: when the client goes away (the returned stream is
   * destroyed), pipeline() destroys every stage and the connection, which is mid-result and cannot be reused, is
   * closed and leaves the pool; otherwise a paused query kept it forever and ten aborted exports hung the API.
   */
  async exportCsv(userId: number | undefined, filters: CallFiltersDto): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner('master');
    let rows: Readable;
    try {
      rows = await this.filtered(userId, filters).setQueryRunner(runner).stream();
    } catch (error) {
      await runner.release();
      throw error;
    }
    const toRecord = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        done(null, [
          row['call_id'],
          iso(row['call_start_time']),
          iso(row['call_end_time']),
          row['call_direction'],
          row['call_from_number'],
          row['call_to_number'],
          row['call_status'],
          row['call_duration_seconds'],
          Number(row['call_cost']).toFixed(4),
          row['call_call_sid'],
          neutraliseFormula(row['call_notes']),
        ]);
      },
    });
    const csv = stringify({
      header: true,
      columns: [
        'id',
        'startTime',
        'endTime',
        'direction',
        'fromNumber',
        'toNumber',
        'status',
        'durationSeconds',
        'cost',
        'callSid',
        'notes',
      ],
    });
    return pipeline(rows, toRecord, csv, () => {
      if (!rows.readableEnded)
        (runner as unknown as { databaseConnection?: Destroyable }).databaseConnection?.destroy();
      void runner.release();
    });
  }

  /** The calls of userId (everyone's when undefined) matching the filters, sorted; GET /admin/calls joins users on. */
  filtered(userId: number | undefined, filters: CallFiltersDto & { userId?: number }): SelectQueryBuilder<CallEntity> {
    const qb = this.dataSource.getRepository(CallEntity).createQueryBuilder('call');
    if (userId !== undefined) qb.andWhere('call.userId = :userId', { userId });
    if (filters.status) qb.andWhere('call.status = :status', { status: filters.status });
    if (filters.direction) qb.andWhere('call.direction = :direction', { direction: filters.direction });
    const { from, to } = dateBounds(filters);
    if (from) qb.andWhere('call.startTime >= :from', { from });
    if (to) qb.andWhere('call.startTime < :to', { to });
    if (filters.q !== undefined) {
      const digits = filters.q.replace(/[^\d]/g, '');
      if (digits) qb.andWhere('(call.fromNumber LIKE :q OR call.toNumber LIKE :q)', { q: `%${digits}%` });
      else qb.andWhere('1 = 0');
    }
    const [column, direction] = SORTS[filters.sort ?? '-startTime'];
    qb.orderBy(column, direction).addOrderBy('call.id', direction);
    return qb;
  }

  private async findOwn(em: EntityManager, userId: number, id: number, lock = false): Promise<CallEntity> {
    const qb = em
      .getRepository(CallEntity)
      .createQueryBuilder('call')
      .where('call.id = :id AND call.userId = :userId', { id, userId });
    if (lock) qb.setLock('pessimistic_write');
    const call = await qb.getOne();
    if (!call) throw notFound('Call');
    return call;
  }
}

const SORTS: Record<string, [string, 'ASC' | 'DESC']> = {
  '-startTime': ['call.startTime', 'DESC'],
  startTime: ['call.startTime', 'ASC'],
  '-durationSeconds': ['call.durationSeconds', 'DESC'],
  '-cost': ['call.cost', 'DESC'],
};

function isSettable(status: CallStatus): boolean {
  return HANGUP_TRANSITIONS[status] !== undefined;
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : value ? new Date(String(value)).toISOString() : '';
}

/** Spreadsheet formula injection: user text that starts like a formula is prefixed with a quote. */
function neutraliseFormula(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
