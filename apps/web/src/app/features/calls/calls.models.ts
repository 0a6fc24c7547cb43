import type { CallDirection, CallStatus } from '@hh/contracts';

/*
 * Shapes of the calls API (API.md "Calls") that @hh/contracts does not export yet. They belong in the shared
 * contracts; until they land there, the web app declares them here, in one place.
 */

/** Sort orders of GET /calls. Duration and cost sort descending only. */
export const CALL_SORT_ORDERS = ['-startTime', 'startTime', '-durationSeconds', '-cost'] as const;
export type CallSortOrder = (typeof CALL_SORT_ORDERS)[number];
export const DEFAULT_CALL_SORT: CallSortOrder = '-startTime';

/** Notes are at most this long (the API's limit). */
export const CALL_NOTES_MAX_LENGTH = 2000;

export interface PlaceCallRequest {
  toNumber: string;
  fromNumber?: string;
  notes?: string;
}

/** The filters GET /calls and GET /calls/export share; `from`/`to` are ISO 8601 bounds on startTime. */
export interface CallFilters {
  status?: CallStatus;
  direction?: CallDirection;
  from?: string;
  to?: string;
  q?: string;
}

export interface CallListQuery extends CallFilters {
  page: number;
  pageSize: number;
  sort: CallSortOrder;
}

export interface DailyCallStats {
  /** YYYY-MM-DD */
  date: string;
  calls: number;
  successful: number;
  failed: number;
  durationSeconds: number;
  cost: number;
}

/** GET /calls/stats. successRate is a ratio (0–1): successful / (successful + failed). */
export interface CallStats {
  totalCalls: number;
  successfulCalls: number;
  failedCalls: number;
  canceledCalls: number;
  totalDurationSeconds: number;
  averageDurationSeconds: number;
  totalCost: number;
  successRate: number;
  byStatus: Partial<Record<CallStatus, number>>;
  daily: DailyCallStats[];
}
