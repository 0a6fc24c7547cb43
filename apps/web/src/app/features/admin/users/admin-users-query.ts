import type { ParamMap, Params } from '@angular/router';
import { PAGE_SIZE_DEFAULT, USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '@hh/contracts';
import type { AdminUserListQuery } from '../admin-api.service';

/*
 * The users list keeps its state in the URL (?q=jane&status=pending&page=2), like the call history, so that a
 * filtered view survives a reload and the back button.
 */

export const USER_PAGE_SIZES = [10, 25, 50, 100] as const;
export const USER_SEARCH_MAX_LENGTH = 100;

export interface UserFilters {
  q: string;
  role: UserRole | null;
  status: UserStatus | null;
}

export interface UserListState {
  page: number;
  pageSize: number;
  filters: UserFilters;
}

export const NO_USER_FILTERS: UserFilters = { q: '', role: null, status: null };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the URL leniently: anything unknown falls back to the default. */
export function userListStateFromParams(params: ParamMap): UserListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (USER_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
    filters: {
      q: (params.get('q') ?? '').trim().slice(0, USER_SEARCH_MAX_LENGTH),
      role: oneOf(USER_ROLES, params.get('role')),
      status: oneOf(USER_STATUSES, params.get('status')),
    },
  };
}

/** The query params for a state; defaults become null so that merging them removes them from the URL. */
export function userListStateToParams(state: UserListState): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
    q: state.filters.q.trim() || null,
    role: state.filters.role,
    status: state.filters.status,
  };
}

export function hasUserFilters(filters: UserFilters): boolean {
  return !!(filters.q.trim() || filters.role || filters.status);
}

export function toUserListQuery(state: UserListState): AdminUserListQuery {
  const query: AdminUserListQuery = { page: state.page, pageSize: state.pageSize };
  const q = state.filters.q.trim();
  if (q) query.q = q;
  if (state.filters.role) query.role = state.filters.role;
  if (state.filters.status) query.status = state.filters.status;
  return query;
}
