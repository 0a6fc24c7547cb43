import type { CallStatus } from '@hh/contracts';
import { roundMoney } from '../../common/money';

/** A statement and its parameters. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

export type RollupPeriod = 'month' | 'day' | 'hour';

/**
 * A rollup of final calls (sql/005, sql/006): calls, talk seconds and cost per UTC `period` of start_time (its
 * column is named after the period) and per `key` (the status, or the user).
 */
export interface CallRollup {
  table: string;
  period: RollupPeriod;
  key: 'status' | 'user_id';
}

/**
 * Every rollup, in the order the final transaction upserts them. The order is fixed, and so is the order of the
 * rows within each statement, so that concurrent writers lock the shared rows in the same order and never deadlock.
 */
export const CALL_ROLLUPS: readonly CallRollup[] = [
  { table: 'daily_call_totals', period: 'day', key: 'status' },
  { table: 'hourly_call_totals', period: 'hour', key: 'status' },
  { table: 'monthly_user_totals', period: 'month', key: 'user_id' },
  { table: 'daily_user_totals', period: 'day', key: 'user_id' },
  { table: 'hourly_user_totals', period: 'hour', key: 'user_id' },
];

export function callRollup(period: RollupPeriod, key: CallRollup['key']): CallRollup {
  const rollup = CALL_ROLLUPS.find((r) => r.period === period && r.key === key);
  if (!rollup) throw new Error(`No ${period} rollup by ${key}`);
  return rollup;
}

/**
 * The UTC month (`YYYY-MM-01`), day (`YYYY-MM-DD`) or hour (`YYYY-MM-DD HH:00:00`) an instant belongs to, as the
 * rollups key it.
 */
export function periodOf(at: Date, period: RollupPeriod): string {
  const iso = at.toISOString();
  if (period === 'month') return `${iso.slice(0, 7)}-01`;
  return period === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00:00`;
}

/** The start of the UTC period an instant is in. */
export function floorPeriod(at: Date, period: RollupPeriod): Date {
  if (period === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const unit = period === 'day' ? 86_400_000 : 3_600_000;
  return new Date(Math.floor(at.getTime() / unit) * unit);
}

/** The first start of a UTC period at or after an instant. */
export function ceilPeriod(at: Date, period: RollupPeriod): Date {
  const start = floorPeriod(at, period);
  if (start.getTime() === at.getTime()) return start;
  if (period === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (period === 'day' ? 86_400_000 : 3_600_000));
}

/** What a rollup needs of a call that has just become final. */
export interface FinalCall {
  userId: number;
  status: CallStatus;
  startTime: Date;
  durationSeconds: number;
  cost: number;
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
