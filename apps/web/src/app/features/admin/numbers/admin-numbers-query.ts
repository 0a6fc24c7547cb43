import type { ParamMap, Params } from '@angular/router';
import { NUMBER_STATUSES, NUMBER_TYPES, type NumberStatus, type NumberType } from '@hh/contracts';
import { idOf, oneOf, pageFromParams, pageToParams, searchFromParams } from '../../../shared/http/url-state';
import type { AdminNumberListQuery } from '../admin-api.service';

/** The inventory's filters and page, kept in the URL (?q=909&status=available&ownerId=7&page=2). */
export const NUMBER_SEARCH_MAX_LENGTH = 50;

export interface NumberFilters {
  q: string;
  status: NumberStatus | null;
  numberType: NumberType | null;
  ownerId: number | null;
}

export interface NumberListState {
  page: number;
  pageSize: number;
  filters: NumberFilters;
}

export const NO_NUMBER_FILTERS: NumberFilters = { q: '', status: null, numberType: null, ownerId: null };

export function numberListStateFromParams(params: ParamMap): NumberListState {
  return {
    ...pageFromParams(params),
    filters: {
      q: searchFromParams(params, NUMBER_SEARCH_MAX_LENGTH),
      status: oneOf(NUMBER_STATUSES, params.get('status')),
      numberType: oneOf(NUMBER_TYPES, params.get('numberType')),
      ownerId: idOf(params.get('ownerId')),
    },
  };
}

export function numberListStateToParams(state: NumberListState): Params {
  const { filters } = state;
  return {
    ...pageToParams(state),
    q: filters.q.trim() || null,
    status: filters.status,
    numberType: filters.numberType,
    ownerId: filters.ownerId,
  };
}

export function hasNumberFilters(filters: NumberFilters): boolean {
  return !!(filters.q.trim() || filters.status || filters.numberType || filters.ownerId);
}

export function toNumberListQuery(state: NumberListState): AdminNumberListQuery {
  const { filters } = state;
  const query: AdminNumberListQuery = { page: state.page, pageSize: state.pageSize };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status) query.status = filters.status;
  if (filters.numberType) query.numberType = filters.numberType;
  if (filters.ownerId) query.ownerId = filters.ownerId;
  return query;
}
