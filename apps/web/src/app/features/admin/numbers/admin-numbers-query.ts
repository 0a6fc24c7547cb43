import type { ParamMap, Params } from '@angular/router';
import { NUMBER_STATUSES, NUMBER_TYPES, type NumberStatus, type NumberType, PAGE_SIZE_DEFAULT } from '@hh/contracts';
import type { AdminNumberListQuery } from '../admin-api.service';

/** The inventory's filters and page, kept in the URL (?q=909&status=available&ownerId=7&page=2). */
export const NUMBER_PAGE_SIZES = [10, 25, 50, 100] as const;
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

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function numberListStateFromParams(params: ParamMap): NumberListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const ownerId = Number(params.get('ownerId'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (NUMBER_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
    filters: {
      q: (params.get('q') ?? '').trim().slice(0, NUMBER_SEARCH_MAX_LENGTH),
      status: oneOf(NUMBER_STATUSES, params.get('status')),
      numberType: oneOf(NUMBER_TYPES, params.get('numberType')),
      ownerId: Number.isInteger(ownerId) && ownerId >= 1 ? ownerId : null,
    },
  };
}

export function numberListStateToParams(state: NumberListState): Params {
  const { filters } = state;
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
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
