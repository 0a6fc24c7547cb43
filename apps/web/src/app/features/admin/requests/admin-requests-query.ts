import type { ParamMap, Params } from '@angular/router';
import { NUMBER_REQUEST_STATUSES, type NumberRequestStatus, PAGE_SIZE_DEFAULT } from '@hh/contracts';
import type { AdminRequestListQuery } from '../admin-api.service';

/** The request queue's filter and page, kept in the URL (?status=pending&page=2). */
export const REQUEST_PAGE_SIZES = [10, 25, 50, 100] as const;

export interface RequestFilters {
  status: NumberRequestStatus | null;
}

export interface RequestListState {
  page: number;
  pageSize: number;
  filters: RequestFilters;
}

export const NO_REQUEST_FILTERS: RequestFilters = { status: null };

export function requestListStateFromParams(params: ParamMap): RequestListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (REQUEST_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
    filters: {
      status: (NUMBER_REQUEST_STATUSES as readonly string[]).includes(status ?? '')
        ? (status as NumberRequestStatus)
        : null,
    },
  };
}

export function requestListStateToParams(state: RequestListState): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
    status: state.filters.status,
  };
}

export function hasRequestFilters(filters: RequestFilters): boolean {
  return filters.status !== null;
}

export function toRequestListQuery(state: RequestListState): AdminRequestListQuery {
  const query: AdminRequestListQuery = { page: state.page, pageSize: state.pageSize };
  if (state.filters.status) query.status = state.filters.status;
  return query;
}
