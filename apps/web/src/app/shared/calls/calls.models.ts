import type { CallDirection, CallSort, CallStatus } from '@hh/contracts';

/* The calls API's shapes come from @hh/contracts (CallStats, CallSort, PlaceCallRequest…); these are the web app's. */

export const DEFAULT_CALL_SORT: CallSort = '-startTime';

/** The filters GET /calls and GET /calls/export share; `from`/`to` are ISO 8601 bounds on startTime. */
export interface CallFilters {
  status?: CallStatus;
  direction?: CallDirection;
  from?: string;
  to?: string;
  q?: string;
  /** Only recorded calls (true) or only those not recorded (false). */
  recorded?: boolean;
}

export interface CallListQuery extends CallFilters {
  page: number;
  pageSize: number;
  sort: CallSort;
}
