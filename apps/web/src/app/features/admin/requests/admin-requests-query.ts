import type { ParamMap, Params } from '@angular/router';
import { NUMBER_REQUEST_STATUSES, type NumberRequestStatus } from '@hh/contracts';
import { oneOf, pageFromParams, pageToParams } from '../../../shared/http/url-state';
import type { AdminRequestListQuery } from '../admin-api.service';

/** The request queue's filter and page, kept in the URL (?status=pending&page=2). */
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
  return {
    ...pageFromParams(params),
    filters: { status: oneOf(NUMBER_REQUEST_STATUSES, params.get('status')) },
  };
}

export function requestListStateToParams(state: RequestListState): Params {
  return {
    ...pageToParams(state),
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
