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
