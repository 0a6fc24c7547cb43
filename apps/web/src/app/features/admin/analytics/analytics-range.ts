import type { ParamMap, Params } from '@angular/router';
import type { AnalyticsRange } from '@hh/contracts';
import { dayLabel } from '../../../shared/charts/chart-days';

/**
 * The period the analytics page sums up. The API counts whole UTC days (GET /admin/analytics: a date alone as `to`
 * includes that day), so every range here is a pair of UTC calendar days, `to` included, and "today" is today in UTC:
 * the same days the figures and the CSV export are counted in.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const ANALYTICS_PRESETS = [
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: 'this-month', label: 'This month', days: null },
  { id: 'last-month', label: 'Last month', days: null },
] as const;
export type AnalyticsPresetId = (typeof ANALYTICS_PRESETS)[number]['id'];
/** The API's own default (the last 30 UTC days), which the page opens with and leaves out of the URL. */
export const DEFAULT_PRESET: AnalyticsPresetId = '30d';

/** What the admin chose, as the URL keeps it: a preset (?range=7d) or two UTC days (?from=2026-11-01&to=2026-11-30). */
export type RangeChoice = { preset: AnalyticsPresetId } | { preset: 'custom'; from: string; to: string };

/** A choice turned into its days, as of a moment: presets move with the clock, custom ranges do not. */
export interface ResolvedRange {
  choice: RangeChoice;
  /** First and last UTC day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** Days from `from` to `to`, both included (0 or less when `to` is before `from`). */
  days: number;
}

/** YYYY-MM-DD as the UTC midnight of that day, or null when it names no real day. */
export function parseUtcDay(value: string | null | undefined): Date | null {
  if (!value || !DAY_PATTERN.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function utcDayAt(year: number, month: number, day: number): string {
  return utcDay(new Date(Date.UTC(year, month, day)));
}

function isPreset(value: string | null): value is AnalyticsPresetId {
  return ANALYTICS_PRESETS.some((preset) => preset.id === value);
}

/** The days of a preset as of `now`: "N days" end today; the months are calendar months (UTC). */
export function presetDays(preset: AnalyticsPresetId, now: Date = new Date()): { from: string; to: string } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const today = now.getUTCDate();
  switch (preset) {
    case 'this-month':
      return { from: utcDayAt(year, month, 1), to: utcDayAt(year, month, today) };
    case 'last-month':
      // Day 0 of this month is the last day of the previous one (Date.UTC carries into the year too).
      return { from: utcDayAt(year, month - 1, 1), to: utcDayAt(year, month, 0) };
    default: {
      const days = ANALYTICS_PRESETS.find((candidate) => candidate.id === preset)?.days ?? 30;
      return { from: utcDayAt(year, month, today - (days - 1)), to: utcDayAt(year, month, today) };
    }
  }
}

export function resolveRange(choice: RangeChoice, now: Date = new Date()): ResolvedRange {
  const { from, to } = choice.preset === 'custom' ? choice : presetDays(choice.preset, now);
  const first = parseUtcDay(from);
  const last = parseUtcDay(to);
  const days = first && last ? Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1 : 0;
  return { choice, from, to, days };
}

/**
 * The URL's choice: two real days make a custom range (even a reversed or too long one, which the API then explains);
 * otherwise a known preset; otherwise the default. Half a custom range is ignored rather than guessed at.
 */
export function rangeChoiceFromParams(params: ParamMap): RangeChoice {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && parseUtcDay(from) && parseUtcDay(to)) {
    return { preset: 'custom', from, to };
  }
  const preset = params.get('range');
  return { preset: isPreset(preset) ? preset : DEFAULT_PRESET };
}

/** Query params for a choice; the keys of the other kind are cleared, and the default leaves the URL bare. */
export function rangeChoiceToParams(choice: RangeChoice): Params {
  if (choice.preset === 'custom') {
    return { range: null, from: choice.from, to: choice.to };
  }
  return { range: choice.preset === DEFAULT_PRESET ? null : choice.preset, from: null, to: null };
}

export function sameChoice(a: RangeChoice, b: RangeChoice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** GET /admin/analytics and its export take the days themselves: whole UTC days, which the rollups serve fastest. */
export function toAnalyticsQuery(range: ResolvedRange): AnalyticsRange {
  return { from: range.from, to: range.to };
}

/** "Nov 1 – Nov 30, 2026", "Dec 25, 2025 – Jan 7, 2026", "Nov 24, 2026". */
export function rangeLabel(range: Pick<ResolvedRange, 'from' | 'to'>): string {
  const year = (day: string) => day.slice(0, 4);
  if (range.from === range.to) {
    return `${dayLabel(range.from)}, ${year(range.to)}`;
  }
  const sameYear = year(range.from) === year(range.to);
  return `${dayLabel(range.from)}${sameYear ? '' : `, ${year(range.from)}`} – ${dayLabel(range.to)}, ${year(range.to)}`;
}

export function exportFileName(range: Pick<ResolvedRange, 'from' | 'to'>): string {
  return `analytics-${range.from}-to-${range.to}.csv`;
}
