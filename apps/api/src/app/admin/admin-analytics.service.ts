import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { CALL_STATUSES, CallStatus, DailyCallFigures, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { badRequest } from '../../common/errors/problem.exception';
import { DateRangeQueryDto } from '../calls/dto/call-requests.dto';
import { roundMoney } from '../../common/money';
import { dateBounds } from '../../common/time/date-bounds';
import { callRollup, ceilPeriod, floorPeriod, periodOf, RollupPeriod, SqlQuery } from '../analytics/call-rollups';
import { SystemAnalyticsDto, TopUserDto } from './dto/admin-analytics.dto';

const DAY_MS = 86_400_000;
export const DEFAULT_ANALYTICS_DAYS = 30;
export const MAX_ANALYTICS_DAYS = 731;
const IN_FLIGHT_STATUSES = CALL_STATUSES.filter((s) => !FINAL_CALL_STATUSES.includes(s));
const IN_FLIGHT_LIST = IN_FLIGHT_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The rollup periods each grouping reads, coarsest first: the daily figures need days (by status), top users only
 * their sums, which whole months give with a thirtieth of the rows.
 */
export const ANALYTICS_PERIODS: Record<'day' | 'user', readonly RollupPeriod[]> = {
  day: ['day', 'hour'],
  user: ['month', 'day', 'hour'],
};

/**
 * Where each part of a range is read from: the coarsest rollup periods that fit whole (months, then days, then
 * hours at either side), and the at most two partial hours left at its ends from calls (by idx_calls_start_time,
 * which holds every column summed, so the read never touches the rows). The rollups hold final calls only: calls
 * still in flight within the rolled-up span come from calls by idx_calls_status (they are few). Together they
 * count every call exactly once.
 */
export interface AnalyticsPlan {
  from: Date;
  to: Date;
  /** Contiguous parts served by the rollups, in order (… hours, days, months, days, hours …); empty when none. */
  rollups: { period: RollupPeriod; from: Date; to: Date }[];
  /** Date-time ranges read from calls in every status. */
  edges: { from: Date; to: Date }[];
}

export function planRange(from: Date, to: Date, periods: readonly RollupPeriod[]): AnalyticsPlan {
  const plan: AnalyticsPlan = { from, to, rollups: [], edges: [] };
  const split = (start: Date, end: Date, level: number): void => {
    if (start >= end) return;
    const period = periods[level];
    if (!period) {
      plan.edges.push({ from: start, to: end });
      return;
    }
    const whole = { from: ceilPeriod(start, period), to: floorPeriod(end, period) };
    if (whole.from >= whole.to) {
      split(start, end, level + 1);
      return;
    }
    split(start, whole.from, level + 1);
    plan.rollups.push({ period, ...whole });
    split(whole.to, end, level + 1);
  };
  split(from, to, 0);
  return plan;
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
             WHERE status IN (${IN_FLIGHT_LIST}) AND start_time >= ? AND start_time < ? GROUP BY ${group}`,
      params: [first.from, last.to],
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

interface FigureRow {
  day?: string;
  status?: CallStatus;
  user_id?: number;
  calls: string | number;
  duration: string | number | null;
  cost: string | number | null;
}

/** System analytics for admins (GET /admin/analytics): current counts plus call figures within a range. */
@Injectable()
export class AdminAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `from` inclusive, `to` exclusive; the default is the last 30 UTC days, today included. */
  range(query: DateRangeQueryDto): { from: Date; to: Date } {
    const bounds = dateBounds(query);
    const endOfToday = new Date((Math.floor(this.clock.now().getTime() / DAY_MS) + 1) * DAY_MS);
    const to =
      bounds.to ?? (bounds.from && bounds.from >= endOfToday ? new Date(bounds.from.getTime() + DAY_MS) : endOfToday);
    const from =
      bounds.from ?? new Date((Math.floor((to.getTime() - 1) / DAY_MS) - (DEFAULT_ANALYTICS_DAYS - 1)) * DAY_MS);
    if ((to.getTime() - from.getTime()) / DAY_MS > MAX_ANALYTICS_DAYS) {
      throw badRequest(`The range may span at most ${MAX_ANALYTICS_DAYS} days`);
    }
    return { from, to };
  }

  async analytics(query: DateRangeQueryDto): Promise<SystemAnalyticsDto> {
    const { from, to } = this.range(query);
    const [current, daily, topUsers] = await Promise.all([
      this.currentCounts(),
      this.figuresByDay({ from, to }),
      this.topUsers({ from, to }),
    ]);
    const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
    const days = new Map<string, DailyCallFigures>();
    for (let day = Math.floor(from.getTime() / DAY_MS); day * DAY_MS < to.getTime(); day++) {
      const date = ymd(new Date(day * DAY_MS));
      days.set(date, { date, calls: 0, successful: 0, failed: 0, durationSeconds: 0, cost: 0 });
    }
    let duration = 0;
    let cost = 0;
    for (const row of daily) {
      const status = row.status as CallStatus;
      const calls = Number(row.calls);
      byStatus[status] += calls;
      duration += Number(row.duration ?? 0);
      cost += Number(row.cost ?? 0);
      const figures = days.get(row.day as string);
      if (!figures) continue;
      figures.calls += calls;
      if (status === 'completed') figures.successful += calls;
      if (FAILED_CALL_STATUSES.includes(status)) figures.failed += calls;
      figures.durationSeconds += Number(row.duration ?? 0);
      figures.cost = roundMoney(figures.cost + Number(row.cost ?? 0));
    }
    return {
      totals: {
        ...current,
        calls: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
        successfulCalls: byStatus.completed,
        failedCalls: FAILED_CALL_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
        totalDurationSeconds: duration,
        totalCost: roundMoney(cost),
      },
      daily: [...days.values()],
      byStatus,
      topUsers,
    };
  }

  /** The daily figures of GET /admin/analytics as CSV, one row per day of the range. */
  async exportCsv(query: DateRangeQueryDto): Promise<string> {
    const { daily } = await this.analytics(query);
    return stringify(
      daily.map((d) => [d.date, d.calls, d.successful, d.failed, d.durationSeconds, d.cost.toFixed(4)]),
      { header: true, columns: ['date', 'calls', 'successful', 'failed', 'durationSeconds', 'cost'] },
    );
  }

  private async currentCounts() {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM users) AS users,
              (SELECT COUNT(*) FROM users WHERE status = 'active') AS activeUsers,
              (SELECT COUNT(*) FROM users WHERE status = 'pending') AS pendingUsers,
              (SELECT COUNT(*) FROM users WHERE status = 'suspended') AS suspendedUsers,
              (SELECT COUNT(*) FROM phone_numbers) AS numbers,
              (SELECT COUNT(*) FROM phone_numbers WHERE status = 'assigned') AS assignedNumbers,
              (SELECT COUNT(*) FROM phone_numbers WHERE status = 'available') AS availableNumbers,
              (SELECT COUNT(*) FROM number_requests WHERE status = 'pending') AS pendingRequests`,
    )) as Record<string, string>[];
    const n = (key: string) => Number(row?.[key] ?? 0);
    return {
      users: n('users'),
      activeUsers: n('activeUsers'),
      pendingUsers: n('pendingUsers'),
      suspendedUsers: n('suspendedUsers'),
      numbers: n('numbers'),
      assignedNumbers: n('assignedNumbers'),
      availableNumbers: n('availableNumbers'),
      pendingRequests: n('pendingRequests'),
    };
  }

  private async figuresByDay(range: { from: Date; to: Date }): Promise<FigureRow[]> {
    const results = await Promise.all(
      analyticsQueries(range, 'day').map((q) => this.dataSource.query(q.sql, q.params) as Promise<FigureRow[]>),
    );
    return results.flat();
  }

  private async topUsers(range: { from: Date; to: Date }): Promise<TopUserDto[]> {
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

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}
