import { CALL_STATUSES, type CallStatus, type DailyCallFigures, type SystemAnalytics } from '@hh/contracts';
import { dayLabel, daysText } from '../../../shared/charts/chart-days';
import { CALL_STATUS_COLORS, CHART_COLORS } from '../../../shared/charts/chart-theme';
import { CALL_STATUS_LABELS } from '../../../shared/format/call-status';
import { formatCost, formatPercent } from '../../../shared/format/money';

/** The analytics response shaped for each chart, with the sentence that sums each chart up for screen readers. */

const numberFormat = new Intl.NumberFormat('en-US');
const count = (value: number) => numberFormat.format(value);

export interface TalkCostDay {
  date: string;
  label: string;
  /** Talk time in minutes, to a tenth (a 20-second call still shows). */
  minutes: number;
  cost: number;
}

export interface RateDay {
  date: string;
  label: string;
  /** successful / (successful + failed), or null on a day without a decided call (a gap in the line). */
  rate: number | null;
  successful: number;
  decided: number;
}

/** A part of a whole, for a doughnut and its table. */
export interface Slice {
  key: string;
  label: string;
  value: number;
  color: string;
}

export function minutesOf(seconds: number): number {
  return Math.round(seconds / 6) / 10;
}

export function talkAndCostByDay(daily: readonly DailyCallFigures[]): TalkCostDay[] {
  return daily.map((day) => ({
    date: day.date,
    label: dayLabel(day.date),
    minutes: minutesOf(day.durationSeconds),
    cost: day.cost,
  }));
}

/** The API's success rate (completed out of completed and failed): canceled and live calls decide nothing. */
export function successRateByDay(daily: readonly DailyCallFigures[]): RateDay[] {
  return daily.map((day) => {
    const decided = day.successful + day.failed;
    return {
      date: day.date,
      label: dayLabel(day.date),
      rate: decided > 0 ? day.successful / decided : null,
      successful: day.successful,
      decided,
    };
  });
}

export function successRate(totals: Pick<SystemAnalytics['totals'], 'successfulCalls' | 'failedCalls'>): number {
  const decided = totals.successfulCalls + totals.failedCalls;
  return decided > 0 ? totals.successfulCalls / decided : 0;
}

/** The statuses that occurred, in the lifecycle's order (CALL_STATUSES), each in its colour. */
export function statusSlices(byStatus: Readonly<Partial<Record<CallStatus, number>>>): Slice[] {
  return CALL_STATUSES.filter((status) => (byStatus[status] ?? 0) > 0).map((status) => ({
    key: status,
    label: CALL_STATUS_LABELS[status],
    value: byStatus[status] ?? 0,
    color: CALL_STATUS_COLORS[status],
  }));
}

/** The inventory now: assigned, available, and the rest (pending or suspended numbers). */
export function numberSlices(
  totals: Pick<SystemAnalytics['totals'], 'numbers' | 'assignedNumbers' | 'availableNumbers'>,
): Slice[] {
  return [
    { key: 'assigned', label: 'Assigned', value: totals.assignedNumbers, color: CHART_COLORS.primary },
    { key: 'available', label: 'Available', value: totals.availableNumbers, color: CHART_COLORS.successful },
    {
      key: 'other',
      label: 'Pending or suspended',
      value: Math.max(0, totals.numbers - totals.assignedNumbers - totals.availableNumbers),
      color: CHART_COLORS.other,
    },
  ];
}

export function sliceTotal(slices: readonly Slice[]): number {
  return slices.reduce((sum, slice) => sum + slice.value, 0);
}

/** A slice's share of the whole, "62.5%" ("0%" of nothing). */
export function shareOf(slice: Slice, slices: readonly Slice[]): string {
  const total = sliceTotal(slices);
  return formatPercent(total > 0 ? slice.value / total : 0);
}

/** "Calls by status: 12 in total; 8 Completed, 3 Failed, 1 Busy." */
export function sliceSummary(title: string, slices: readonly Slice[]): string {
  const total = sliceTotal(slices);
  if (total === 0) return `${title}: none.`;
  const parts = slices.filter((slice) => slice.value > 0).map((slice) => `${count(slice.value)} ${slice.label}`);
  return `${title}: ${count(total)} in total; ${parts.join(', ')}.`;
}

export function talkCostSummary(days: readonly TalkCostDay[]): string {
  const minutes = days.reduce((sum, day) => sum + day.minutes, 0);
  const cost = days.reduce((sum, day) => sum + day.cost, 0);
  const busiest = days.reduce<TalkCostDay | null>(
    (best, day) => (day.minutes > (best?.minutes ?? 0) ? day : best),
    null,
  );
  const peak = busiest ? `; the most talk on ${busiest.label}, ${count(busiest.minutes)} minutes` : '';
  return (
    `Talk minutes and cost per day over ${daysText(days.length)}: ${count(Math.round(minutes * 10) / 10)} minutes, ` +
    `${formatCost(cost, 2)} in total${peak}.`
  );
}

export function successRateSummary(days: readonly RateDay[]): string {
  const measured = days.filter((day) => day.rate !== null);
  if (measured.length === 0) {
    return `Success rate per day over ${daysText(days.length)}: no answered or failed calls.`;
  }
  const successful = measured.reduce((sum, day) => sum + day.successful, 0);
  const decided = measured.reduce((sum, day) => sum + day.decided, 0);
  const lowest = measured.reduce((low, day) => ((day.rate ?? 0) < (low.rate ?? 0) ? day : low));
  const highest = measured.reduce((high, day) => ((day.rate ?? 0) > (high.rate ?? 0) ? day : high));
  return (
    `Success rate per day over ${daysText(days.length)}: ${formatPercent(successful / decided)} overall ` +
    `(${count(successful)} of ${count(decided)} answered), lowest ${formatPercent(lowest.rate ?? 0)} on ${lowest.label}, ` +
    `highest ${formatPercent(highest.rate ?? 0)} on ${highest.label}.`
  );
}
