import type { ParamMap, Params } from '@angular/router';
import {
  CALL_DIRECTIONS,
  CALL_SORTS,
  CALL_STATUSES,
  type Call,
  type CallDirection,
  type CallSort,
  type CallStatus,
} from '@hh/contracts';
import { phoneSearchDigits } from '../../shared/format/phone';
import {
  dayEnd,
  dayOf,
  dayStart,
  oneOf,
  pageFromParams,
  pageToParams,
  searchFromParams,
} from '../../shared/http/url-state';
import { type CallFilters, type CallListQuery, DEFAULT_CALL_SORT } from '../../shared/calls/calls.models';

/*
 * The call history's state lives in the URL (?page=2&status=failed&from=2026-11-01&q=909…), so that a filtered
 * view can be bookmarked, shared and restored with the back button. These functions translate between the URL,
 * the page and the API.
 */

/** The longest search: a phone number's digits with room to spare. */
export const HISTORY_SEARCH_MAX_LENGTH = 32;

/** The filters as the user chose them: dates are local calendar days (YYYY-MM-DD), the search as typed. */
export interface HistoryFilters {
  status: CallStatus | null;
  direction: CallDirection | null;
  from: string | null;
  to: string | null;
  q: string;
  /** Recorded: any (null), yes or no. */
  recorded: boolean | null;
}

export interface HistoryState {
  page: number;
  pageSize: number;
  sort: CallSort;
  filters: HistoryFilters;
}

export const NO_FILTERS: HistoryFilters = {
  status: null,
  direction: null,
  from: null,
  to: null,
  q: '',
  recorded: null,
};

/** ?recorded=yes|no; anything else is "any". */
function recordedFromParams(value: string | null): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}

/** Reads the URL leniently: anything unknown or malformed falls back to the default, never to an error. */
export function historyStateFromParams(params: ParamMap): HistoryState {
  return {
    ...pageFromParams(params),
    sort: oneOf(CALL_SORTS, params.get('sort')) ?? DEFAULT_CALL_SORT,
    filters: {
      status: oneOf(CALL_STATUSES, params.get('status')),
      direction: oneOf(CALL_DIRECTIONS, params.get('direction')),
      from: dayOf(params.get('from')),
      to: dayOf(params.get('to')),
      q: searchFromParams(params, HISTORY_SEARCH_MAX_LENGTH),
      recorded: recordedFromParams(params.get('recorded')),
    },
  };
}

/** The query params for a state; defaults become null so that merging them removes them from the URL. */
export function historyStateToParams(state: HistoryState): Params {
  const { filters } = state;
  return {
    ...pageToParams(state),
    sort: state.sort !== DEFAULT_CALL_SORT ? state.sort : null,
    status: filters.status,
    direction: filters.direction,
    from: filters.from,
    to: filters.to,
    q: filters.q.trim() || null,
    recorded: filters.recorded === null ? null : filters.recorded ? 'yes' : 'no',
  };
}

export function hasFilters(filters: HistoryFilters): boolean {
  return !!(
    filters.status ||
    filters.direction ||
    filters.from ||
    filters.to ||
    filters.q.trim() ||
    filters.recorded !== null
  );
}

/**
 * The API's filters for the user's: calendar days become the instants that bound them in the user's time zone
 * (from the first millisecond of `from` to the last of `to`), and the search keeps its digits, which is what the
 * API matches ("(909) 687-" finds +19096874971).
 */
export function toApiFilters(filters: HistoryFilters): CallFilters {
  const api: CallFilters = {};
  if (filters.status) api.status = filters.status;
  if (filters.direction) api.direction = filters.direction;
  const from = filters.from ? dayStart(filters.from) : null;
  if (from) api.from = from;
  const to = filters.to ? dayEnd(filters.to) : null;
  if (to) api.to = to;
  const digits = phoneSearchDigits(filters.q);
  if (digits) api.q = digits;
  if (filters.recorded !== null) api.recorded = filters.recorded;
  return api;
}

export function toListQuery(state: HistoryState): CallListQuery {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, ...toApiFilters(state.filters) };
}

/** The sortable columns of the table, by the Call field they show. */
export type SortableColumn = 'startTime' | 'durationSeconds' | 'cost';
export type SortDirection = 'asc' | 'desc' | '';

/** How the table's sort header shows an API sort order. */
export function sortHeaderOf(sort: CallSort): { active: SortableColumn; direction: 'asc' | 'desc' } {
  switch (sort) {
    case 'startTime':
      return { active: 'startTime', direction: 'asc' };
    case '-durationSeconds':
      return { active: 'durationSeconds', direction: 'desc' };
    case '-cost':
      return { active: 'cost', direction: 'desc' };
    default:
      return { active: 'startTime', direction: 'desc' };
  }
}

/**
 * The API sort order for a click on a sort header. Start time sorts both ways; duration and cost only from the
 * largest (what people look for), so asking for their other direction returns to the default, newest first.
 */
export function sortOrderOf(active: string, direction: SortDirection): CallSort {
  if (active === 'startTime' && direction === 'asc') return 'startTime';
  if (active === 'durationSeconds' && direction === 'desc') return '-durationSeconds';
  if (active === 'cost' && direction === 'desc') return '-cost';
  return DEFAULT_CALL_SORT;
}

/** Whether a call (arriving live) belongs in the list the user is looking at. */
export function matchesFilters(call: Call, filters: HistoryFilters): boolean {
  const api = toApiFilters(filters);
  if (api.status && call.status !== api.status) return false;
  if (api.direction && call.direction !== api.direction) return false;
  const start = Date.parse(call.startTime);
  if (api.from && start < Date.parse(api.from)) return false;
  if (api.to && start > Date.parse(api.to)) return false;
  if (api.q && !call.fromNumber.includes(api.q) && !call.toNumber.includes(api.q)) return false;
  if (api.recorded !== undefined && !!call.recorded !== api.recorded) return false;
  return true;
}
