import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CALL_STATUSES, CallStatus, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES, TopUser } from '@hh/contracts';
import { roundMoney } from '../../common/money';
import { ANALYTICS_PERIODS, planRange } from './analytics-plan';
import { CALL_ROLLUPS, callRollup, periodOf } from './call-rollups';
import { UserAnalyticsEntity } from './user-analytics.entity';

/** A statement and its parameters. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** What the rollups and user_analytics need of a call that has just become final. */
export interface FinalCall {
  userId: number;
  status: CallStatus;
  startTime: Date;
  durationSeconds: number;
  cost: number;
}

/** One group of an analytics range: by day and status, or by user. */
export interface FigureRow {
  day?: string;
  status?: CallStatus;
  user_id?: number;
  calls: string | number;
  duration: string | number | null;
  cost: string | number | null;
}

const IN_FLIGHT_STATUSES = CALL_STATUSES.filter((s) => !FINAL_CALL_STATUSES.includes(s));

/**
 * Every query of the call rollups (daily_call_totals, hourly_call_totals, monthly_user_totals, daily_user_totals,
 * hourly_user_totals: sql/005–007) and of user_analytics: the upserts each call's final transaction runs, and the
 * reads of GET /admin/analytics and of the admin user pages.
 */
@Injectable()
export class RollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds final calls to every rollup, in the transaction that makes them final (exact figures at every commit). */
  async addFinalCalls(calls: readonly FinalCall[], manager: EntityManager): Promise<void> {
    for (const upsert of rollupUpserts(calls)) await manager.query(upsert.sql, upsert.params);
  }

  /**
   * Adds final calls to user_analytics in the same transaction as the final status (docs/decisions/007): one row
   * per user, in user order, so that two instances settling the same users lock their rows in the same order and
   * never deadlock.
   */
  async addUserTotals(calls: readonly FinalCall[], now: Date, manager: EntityManager): Promise<void> {
    if (calls.length === 0) return;
    const byUser = new Map<number, UserTotals>();
    for (const call of calls) {
      const totals = byUser.get(call.userId) ?? {
        calls: 0,
        successful: 0,
        failed: 0,
        canceled: 0,
        duration: 0,
        cost: 0,
        lastCall: call.startTime,
      };
      totals.calls += 1;
      totals.successful += call.status === 'completed' ? 1 : 0;
      totals.failed += FAILED_CALL_STATUSES.includes(call.status) ? 1 : 0;
      totals.canceled += call.status === 'canceled' ? 1 : 0;
      totals.duration += call.durationSeconds;
      totals.cost = roundMoney(totals.cost + call.cost);
      if (call.startTime > totals.lastCall) totals.lastCall = call.startTime;
      byUser.set(call.userId, totals);
    }
    const rows = [...byUser.entries()].sort(([a], [b]) => a - b);
    await manager.query(
      `INSERT INTO user_analytics
         (user_id, total_calls, successful_calls, failed_calls, canceled_calls, total_duration_seconds, total_cost, last_call_date, updated_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE
         total_calls = total_calls + VALUES(total_calls),
         successful_calls = successful_calls + VALUES(successful_calls),
         failed_calls = failed_calls + VALUES(failed_calls),
         canceled_calls = canceled_calls + VALUES(canceled_calls),
         total_duration_seconds = total_duration_seconds + VALUES(total_duration_seconds),
         total_cost = total_cost + VALUES(total_cost),
         last_call_date = GREATEST(COALESCE(last_call_date, VALUES(last_call_date)), VALUES(last_call_date)),
         updated_at = VALUES(updated_at)`,
      rows.flatMap(([userId, t]) => [
        userId,
        t.calls,
        t.successful,
        t.failed,
        t.canceled,
        t.duration,
        t.cost,
        t.lastCall,
        now,
      ]),
    );
  }

  /** A new user's (empty) user_analytics row, in the transaction that creates the user. */
  async createUserTotals(userId: number, now: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(UserAnalyticsEntity).insert({ userId, updatedAt: now });
  }

  /** A user's call totals; null when the user has no row (never happens for users created through the API). */
  userTotals(userId: number): Promise<UserAnalyticsEntity | null> {
    return this.dataSource.getRepository(UserAnalyticsEntity).findOneBy({ userId });
  }

  /** total_calls of each of the users (absent: none). */
  async totalCallsOf(userIds: number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(UserAnalyticsEntity)
      .find({ select: { userId: true, totalCalls: true }, where: { userId: In(userIds) } });
    return new Map(rows.map((row) => [row.userId, row.totalCalls]));
  }

  /** The calls of a range by UTC day and status, from every part of its plan (rows of one group may repeat). */
  async figuresByDay(range: { from: Date; to: Date }): Promise<FigureRow[]> {
    const results = await Promise.all(
      analyticsQueries(range, 'day').map((q) => this.dataSource.query(q.sql, q.params) as Promise<FigureRow[]>),
    );
    return results.flat();
  }

  /** The 10 users with the most calls in the range (ties: lower id first). */
  async topUsers(range: { from: Date; to: Date }): Promise<TopUser[]> {
    const query = topUsersQuery(range);
    const rows = (await this.dataSource.query(query.sql, query.params)) as (FigureRow & {
      name: string;
      email: string;
    })[];
    return rows.map((row) => ({
      userId: Number(row.user_id),
      name: row.name,
      email: row.email,
      calls: Number(row.calls),
      durationSeconds: Number(row.duration ?? 0),
      cost: roundMoney(Number(row.cost ?? 0)),
    }));
  }
}

interface UserTotals {
  calls: number;
  successful: number;
  failed: number;
  canceled: number;
  duration: number;
  cost: number;
  lastCall: Date;
}

/**
 * The statements that add `calls` to every rollup, to run in the transaction that makes them final: one multi-row
 * `INSERT … ON DUPLICATE KEY UPDATE` per rollup, in CALL_ROLLUPS order, rows in key order.
 */
export function rollupUpserts(calls: readonly FinalCall[]): SqlQuery[] {
  if (calls.length === 0) return [];
  return CALL_ROLLUPS.map((rollup) => {
    const rows = new Map<
      string,
      { period: string; key: string | number; calls: number; duration: number; cost: number }
    >();
    for (const call of calls) {
      const period = periodOf(call.startTime, rollup.period);
      const key = rollup.key === 'status' ? call.status : call.userId;
      const id = `${period}|${typeof key === 'number' ? String(key).padStart(12, '0') : key}`;
      const row = rows.get(id) ?? { period, key, calls: 0, duration: 0, cost: 0 };
      row.calls += 1;
      row.duration += call.durationSeconds;
      row.cost = roundMoney(row.cost + call.cost);
      rows.set(id, row);
    }
    const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    return {
      sql: `INSERT INTO ${rollup.table} (${rollup.period}, ${rollup.key}, calls, duration_seconds, cost)
            VALUES ${ordered.map(() => '(?, ?, ?, ?, ?)').join(', ')}
            ON DUPLICATE KEY UPDATE
              calls = calls + VALUES(calls),
              duration_seconds = duration_seconds + VALUES(duration_seconds),
              cost = cost + VALUES(cost)`,
      params: ordered.flatMap((row) => [row.period, row.key, row.calls, row.duration, row.cost]),
    };
  });
}

/**
 * The analytics queries of a range, grouped by day and status, or by user. FORCE INDEX keeps the plans on the
 * indexes whatever the optimizer guesses for a small table: never a full scan of calls.
 */
export function analyticsQueries(range: { from: Date; to: Date }, by: 'day' | 'user'): SqlQuery[] {
  const plan = planRange(range.from, range.to, ANALYTICS_PERIODS[by]);
  const group = by === 'day' ? '1, 2' : 'user_id';
  const columnsOf = (time: string) => (by === 'day' ? `DATE_FORMAT(${time}, '%Y-%m-%d') AS day, status` : 'user_id');
  const queries: SqlQuery[] = plan.rollups.map((part) => {
    const rollup = callRollup(part.period, by === 'day' ? 'status' : 'user_id');
    const bound = (at: Date) => (part.period === 'hour' ? at : periodOf(at, part.period));
    return {
      sql: `SELECT ${columnsOf(rollup.period)}, SUM(calls) AS calls, SUM(duration_seconds) AS duration, SUM(cost) AS cost
              FROM ${rollup.table} WHERE ${rollup.period} >= ? AND ${rollup.period} < ? GROUP BY ${group}`,
      params: [bound(part.from), bound(part.to)],
    };
  });
  const [first, last] = [plan.rollups[0], plan.rollups[plan.rollups.length - 1]];
  if (first && last) {
    queries.push({
      sql: `SELECT ${columnsOf('start_time')}, COUNT(*) AS calls, SUM(duration_seconds) AS duration, SUM(cost) AS cost
              FROM calls FORCE INDEX (idx_calls_status)
             WHERE status IN (${IN_FLIGHT_STATUSES.map(() => '?').join(', ')}) AND start_time >= ? AND start_time < ?
             GROUP BY ${group}`,
      params: [...IN_FLIGHT_STATUSES, first.from, last.to],
    });
  }
  for (const edge of plan.edges) {
    queries.push({
      sql: `SELECT ${columnsOf('start_time')}, COUNT(*) AS calls, SUM(duration_seconds) AS duration, SUM(cost) AS cost
              FROM calls FORCE INDEX (idx_calls_start_time)
             WHERE start_time >= ? AND start_time < ? GROUP BY ${group}`,
      params: [edge.from, edge.to],
    });
  }
  return queries;
}

/** The 10 users with the most calls in the range (ties: lower id first), from every part of its plan. */
export function topUsersQuery(range: { from: Date; to: Date }): SqlQuery {
  const parts = analyticsQueries(range, 'user');
  return {
    sql: `SELECT f.user_id, u.name, u.email, SUM(f.calls) AS calls, SUM(f.duration) AS duration, SUM(f.cost) AS cost
            FROM (${parts.map((q) => q.sql).join(' UNION ALL ')}) f
            JOIN users u ON u.id = f.user_id
           GROUP BY f.user_id, u.name, u.email
           ORDER BY calls DESC, f.user_id ASC
           LIMIT 10`,
    params: parts.flatMap((q) => q.params),
  };
}
