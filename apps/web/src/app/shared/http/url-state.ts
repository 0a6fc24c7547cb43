import type { ParamMap, Params } from '@angular/router';
import { PAGE_SIZE_DEFAULT } from '@hh/contracts';

/*
 * Reading and writing the state a server-paged list keeps in its URL (see ServerList). Reading is lenient: anything
 * unknown or malformed falls back to its default, never to an error. Writing turns defaults into null, so that
 * merging the params removes them from the URL.
 */

/** The page sizes every paginator offers. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The value when it is one of the allowed ones, else null. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** ?page= and ?pageSize=: page 1 and the default size unless the URL names a real page and an offered size. */
export function pageFromParams(params: ParamMap): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
  };
}

/** The page and its size as query params, the first page and the default size as removals. */
export function pageToParams(state: { page: number; pageSize: number }): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
  };
}

/** ?q=, trimmed and cut to the longest search the list accepts. */
export function searchFromParams(params: ParamMap, maxLength: number): string {
  return (params.get('q') ?? '').trim().slice(0, maxLength);
}

/** A row id as typed or read from the URL (?userId=7), or null when it is not a positive whole number. */
export function idOf(value: string | null): number | null {
  const id = Number(value);
  return value && Number.isInteger(id) && id >= 1 ? id : null;
}

/** A calendar day param (YYYY-MM-DD), or null when it names no real day (2026-02-30). */
export function dayOf(value: string | null): string | null {
  return value && localDay(value) ? value : null;
}

/** YYYY-MM-DD as a local date, or null when it names no real day. */
export function localDay(value: string): Date | null {
  if (!DAY_PATTERN.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** The first millisecond of a calendar day in the user's time zone, as an ISO instant; null for no real day. */
export function dayStart(value: string): string | null {
  return localDay(value)?.toISOString() ?? null;
}

/** The last millisecond of a calendar day in the user's time zone, as an ISO instant; null for no real day. */
export function dayEnd(value: string): string | null {
  const day = localDay(value);
  return day ? new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59, 59, 999).toISOString() : null;
}
