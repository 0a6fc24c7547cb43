import { ceilPeriod, floorPeriod, RollupPeriod } from './call-rollups';

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
