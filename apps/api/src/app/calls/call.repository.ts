import { pipeline, Readable, Transform } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { CallDirection, CallSort, CallStatus, FAILED_CALL_STATUSES } from '@hh/contracts';
import { UserEntity } from '../users/user.entity';
import type { CallEventSource } from './call-event.entity';
import { CallEntity } from './call.entity';
import type { CallWithCaller } from './call.types';

/** Which calls a list, an export or the stats read: every field optional; bounds already resolved to instants. */
export interface CallFilter {
  /** Only this user's calls; everyone's when undefined. */
  userId?: number;
  status?: CallStatus;
  direction?: CallDirection;
  recorded?: boolean;
  /** start_time ≥ from */
  from?: Date;
  /** start_time < to */
  to?: Date;
  /** Digits found in either number; a search without digits matches nothing. */
  q?: string;
  sort?: CallSort;
}

/** One row of the CSV export, as read from the database. */
export interface CallExportRow {
  id: number;
  startTime: unknown;
  endTime: unknown;
  direction: CallDirection;
  fromNumber: string;
  toNumber: string;
  status: CallStatus;
  durationSeconds: number;
  cost: unknown;
  callSid: string | null;
  notes: string | null;
}

export interface StatusFigures {
  status: CallStatus;
  calls: number;
  durationSeconds: number;
  cost: number;
}

export interface DailyFigures {
  day: string;
  calls: number;
  successful: number;
  failed: number;
  durationSeconds: number;
  cost: number;
}

/** The columns the engine writes for each call of a batch. */
export type CallProgressColumns = Pick<
  CallEntity,
  'id' | 'status' | 'answeredAt' | 'endTime' | 'durationSeconds' | 'cost' | 'nextStatus' | 'nextTransitionAt'
>;

export interface NewCallEvent {
  callId: number;
  status: CallStatus;
  occurredAt: Date;
  recordedAt: Date;
  source: CallEventSource;
}

/** The driver connection under a query runner (mysql2's PoolConnection). */
interface Destroyable {
  destroy(): void;
}

const SORTS: Record<CallSort, [string, 'ASC' | 'DESC']> = {
  '-startTime': ['call.startTime', 'DESC'],
  startTime: ['call.startTime', 'ASC'],
  '-durationSeconds': ['call.durationSeconds', 'DESC'],
  '-cost': ['call.cost', 'DESC'],
};

/** Every query of the calls and call_events tables (the mock's plan_* columns aside: voip/call-plan.repository.ts). */
@Injectable()
export class CallRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private calls(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(CallEntity);
  }

  /** A page of the calls matching the filter, sorted, and how many match. */
  list(filter: CallFilter, offset: number, limit: number): Promise<[CallEntity[], number]> {
    return this.filtered(filter).skip(offset).take(limit).getManyAndCount();
  }

  /** list() with each call's caller joined on (many-to-one, so offset/limit page it without repeats). */
  listWithCallers(filter: CallFilter, offset: number, limit: number): Promise<[CallWithCaller[], number]> {
    return this.filtered(filter)
      .leftJoinAndMapOne('call.user', UserEntity, 'caller', 'caller.id = call.userId')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** The call when it is userId's (another user's call is not found); `lock` holds its row to the transaction's end. */
  findOwn(userId: number, id: number, options: { lock?: boolean; manager?: EntityManager } = {}) {
    const qb = this.calls(options.manager)
      .createQueryBuilder('call')
      .where('call.id = :id AND call.userId = :userId', { id, userId });
    if (options.lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findById(id: number, manager?: EntityManager): Promise<CallEntity | null> {
    return this.calls(manager).findOneBy({ id });
  }

  /** Inserts the call; its generated id is set on the entity. */
  async insert(call: Omit<CallEntity, 'id'>, manager?: EntityManager): Promise<CallEntity> {
    const entity = this.calls(manager).create(call);
    await this.calls(manager).insert(entity);
    return entity;
  }

  async updateNotes(id: number, notes: string | null, manager?: EntityManager): Promise<void> {
    await this.calls(manager).update({ id }, { notes });
  }

  /** Calls, talk seconds and cost per status (GET /calls/stats). */
  async figuresByStatus(filter: CallFilter): Promise<StatusFigures[]> {
    const rows = await this.statsScope(filter)
      .select('call.status', 'status')
      .addSelect('COUNT(*)', 'calls')
      .addSelect('SUM(call.durationSeconds)', 'duration')
      .addSelect('SUM(call.cost)', 'cost')
      .groupBy('call.status')
      .getRawMany<{ status: CallStatus; calls: string; duration: string | null; cost: string | null }>();
    return rows.map((row) => ({
      status: row.status,
      calls: Number(row.calls),
      durationSeconds: Number(row.duration ?? 0),
      cost: Number(row.cost ?? 0),
    }));
  }

  /** Calls, successes, failures, talk seconds and cost per UTC day of start_time, in day order. */
  async figuresByDay(filter: CallFilter): Promise<DailyFigures[]> {
    const rows = await this.statsScope(filter)
      .select("DATE_FORMAT(call.startTime, '%Y-%m-%d')", 'day')
      .addSelect('COUNT(*)', 'calls')
      .addSelect("SUM(call.status = 'completed')", 'successful')
      .addSelect('SUM(call.status IN (:...failed))', 'failed')
      .addSelect('SUM(call.durationSeconds)', 'duration')
      .addSelect('SUM(call.cost)', 'cost')
      .setParameter('failed', FAILED_CALL_STATUSES)
      .groupBy('day')
      .orderBy('day')
      .getRawMany<{ day: string; calls: string; successful: string; failed: string; duration: string; cost: string }>();
    return rows.map((row) => ({
      day: row.day,
      calls: Number(row.calls),
      successful: Number(row.successful),
      failed: Number(row.failed),
      durationSeconds: Number(row.duration),
      cost: Number(row.cost),
    }));
  }

  /**
   * Every call matching the filter, streamed row by row on a connection of its own, held until the last row is
   * read. Destroying the returned stream (the client went away) destroys the connection too: it is mid-result and
   * cannot be reused, so it leaves the pool; otherwise a paused query kept it forever and ten aborted exports hung
   * the API.
   */
  async stream(filter: CallFilter): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner('master');
    let raw: Readable;
    try {
      raw = await this.filtered(filter).setQueryRunner(runner).stream();
    } catch (error) {
      await runner.release();
      throw error;
    }
    const toRow = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        done(null, {
          id: row['call_id'],
          startTime: row['call_start_time'],
          endTime: row['call_end_time'],
          direction: row['call_direction'],
          fromNumber: row['call_from_number'],
          toNumber: row['call_to_number'],
          status: row['call_status'],
          durationSeconds: row['call_duration_seconds'],
          cost: row['call_cost'],
          callSid: row['call_call_sid'],
          notes: row['call_notes'],
        } as CallExportRow);
      },
    });
    return pipeline(raw, toRow, () => {
      if (!raw.readableEnded) (runner as unknown as { databaseConnection?: Destroyable }).databaseConnection?.destroy();
      void runner.release();
    });
  }

  /**
   * The engine's claim: the ids of up to `limit` calls whose next transition is due, locked FOR UPDATE and
   * skipping rows another instance holds (run it in a READ COMMITTED transaction: docs/decisions/005), then
   * those calls.
   */
  async claimDue(now: Date, limit: number, manager: EntityManager): Promise<CallEntity[]> {
    const due: { id: number }[] = await manager.query(
      'SELECT id FROM calls WHERE next_transition_at <= ? ORDER BY next_transition_at LIMIT ? FOR UPDATE SKIP LOCKED',
      [now, limit],
    );
    if (due.length === 0) return [];
    return this.calls(manager).findBy({ id: In(due.map((row) => row.id)) });
  }

  /** Writes the new state of many locked calls in one statement (a CASE per column: docs/benchmarks.md). */
  async updateProgress(calls: CallProgressColumns[], manager: EntityManager): Promise<void> {
    if (calls.length === 0) return;
    const ids = calls.map((call) => call.id);
    const column = (name: string, value: (call: CallProgressColumns) => unknown) => ({
      sql: `${name} = CASE id ${calls.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      params: calls.flatMap((call) => [call.id, value(call)]),
    });
    const columns = [
      column('status', (c) => c.status),
      column('answered_at', (c) => c.answeredAt),
      column('end_time', (c) => c.endTime),
      column('duration_seconds', (c) => c.durationSeconds),
      column('cost', (c) => c.cost),
      column('next_status', (c) => c.nextStatus),
      column('next_transition_at', (c) => c.nextTransitionAt),
    ];
    await manager.query(
      `UPDATE calls SET ${columns.map((c) => c.sql).join(', ')} WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...columns.flatMap((c) => c.params), ...ids],
    );
  }

  /** The calls with these provider sids (either leg of a SIP dialog), read without locks. */
  findBySids(sids: string[], manager?: EntityManager): Promise<CallEntity[]> {
    if (sids.length === 0) return Promise.resolve([]);
    return this.calls(manager).findBy({ callSid: In(sids) });
  }

  /**
   * The calls with these provider sids, locked FOR UPDATE in id order (the order every writer locks calls in, so
   * the event inbox never deadlocks against itself); a call the engine holds is waited for, never skipped.
   */
  lockBySids(sids: string[], manager: EntityManager): Promise<CallEntity[]> {
    if (sids.length === 0) return Promise.resolve([]);
    return this.calls(manager)
      .createQueryBuilder('call')
      .where('call.callSid IN (:...sids)', { sids })
      .orderBy('call.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** One call locked FOR UPDATE (in the caller's transaction); null when there is none. */
  lockById(id: number, manager: EntityManager): Promise<CallEntity | null> {
    return this.calls(manager)
      .createQueryBuilder('call')
      .where('call.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** A user's outbound calls in flight; idx_calls_status keeps it to the few calls in flight system-wide. */
  async countOpenOutbound(userId: number, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(
      `SELECT COUNT(*) AS open FROM calls
        WHERE status IN ('initiated', 'ringing', 'in_progress') AND user_id = ? AND direction = 'outbound'`,
      [userId],
    );
    return Number((row as { open?: unknown } | undefined)?.open ?? 0);
  }

  /** What a user's calls started at or after `from` cost (final calls; a call in flight costs 0 until it ends). */
  async costSince(userId: number, from: Date, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(
      'SELECT COALESCE(SUM(cost), 0) AS cost FROM calls WHERE user_id = ? AND start_time >= ?',
      [userId, from],
    );
    return Number((row as { cost?: unknown } | undefined)?.cost ?? 0);
  }

  /** Gives a call placed through the API the sid its provider dialled it with (the row is locked by the caller). */
  async bindSid(
    call: Pick<CallEntity, 'id' | 'callSid' | 'ratePerMinute' | 'nextStatus' | 'nextTransitionAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await this.calls(manager).update(
      { id: call.id },
      {
        callSid: call.callSid,
        ratePerMinute: call.ratePerMinute,
        nextStatus: call.nextStatus,
        nextTransitionAt: call.nextTransitionAt,
      },
    );
  }

  /** Appends to the calls' timelines, one statement for the batch. */
  async insertEvents(events: NewCallEvent[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO call_events (call_id, status, occurred_at, recorded_at, source) VALUES ${events.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      events.flatMap((e) => [e.callId, e.status, e.occurredAt, e.recordedAt, e.source]),
    );
  }

  /** The calls matching the filter, sorted (then by id, so pages never overlap). */
  private filtered(filter: CallFilter): SelectQueryBuilder<CallEntity> {
    const qb = this.statsScope(filter);
    if (filter.status) qb.andWhere('call.status = :status', { status: filter.status });
    if (filter.recorded !== undefined) qb.andWhere('call.recorded = :recorded', { recorded: filter.recorded });
    if (filter.q !== undefined) {
      const digits = filter.q.replace(/[^\d]/g, '');
      if (digits) qb.andWhere('(call.fromNumber LIKE :q OR call.toNumber LIKE :q)', { q: `%${digits}%` });
      else qb.andWhere('1 = 0');
    }
    const [column, direction] = SORTS[filter.sort ?? '-startTime'];
    qb.orderBy(column, direction).addOrderBy('call.id', direction);
    return qb;
  }

  /** The user, direction and start-time bounds every read shares. */
  private statsScope(filter: CallFilter): SelectQueryBuilder<CallEntity> {
    const qb = this.calls().createQueryBuilder('call');
    if (filter.userId !== undefined) qb.andWhere('call.userId = :userId', { userId: filter.userId });
    if (filter.direction) qb.andWhere('call.direction = :direction', { direction: filter.direction });
    if (filter.from) qb.andWhere('call.startTime >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('call.startTime < :to', { to: filter.to });
    return qb;
  }
}
