import type { ParamMap, Params } from '@angular/router';
import { USER_ROLES, USER_STATUSES, type UserRole, type UserStatus } from '@hh/contracts';
import { oneOf, pageFromParams, pageToParams, searchFromParams } from '../../../shared/http/url-state';
import type { AdminUserListQuery } from '../admin-api.service';

/*
 * The users list keeps its state in the URL (?q=jane&status=pending&page=2), like the call history, so that a
 * filtered view survives a reload and the back button.
 */

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

/** Reads the URL leniently: anything unknown falls back to the default. */
export function userListStateFromParams(params: ParamMap): UserListState {
  return {
    ...pageFromParams(params),
    filters: {
      q: searchFromParams(params, USER_SEARCH_MAX_LENGTH),
      role: oneOf(USER_ROLES, params.get('role')),
      status: oneOf(USER_STATUSES, params.get('status')),
    },
  };
}

/** The query params for a state; defaults become null so that merging them removes them from the URL. */
export function userListStateToParams(state: UserListState): Params {
  return {
    ...pageToParams(state),
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
