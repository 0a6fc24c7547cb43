import type { ParamMap, Params } from '@angular/router';
import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityLog, PAGE_SIZE_DEFAULT } from '@hh/contracts';
import type { AdminActivityListQuery } from '../admin-api.service';

/** The activity log's filters and page, kept in the URL (?action=login&from=2026-11-01&page=2). */
export const ACTIVITY_PAGE_SIZES = [10, 25, 50, 100] as const;
const ENTITY_TYPE_PATTERN = /^[a-z_]{1,50}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface ActivityFilters {
  userId: number | null;
  action: ActivityAction | null;
  entityType: string | null;
  /** Local calendar days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
}

export interface ActivityListState {
  page: number;
  pageSize: number;
  filters: ActivityFilters;
}

export const NO_ACTIVITY_FILTERS: ActivityFilters = {
  userId: null,
  action: null,
  entityType: null,
  from: null,
  to: null,
};

/** YYYY-MM-DD as a local date, or null when it names no real day. */
function localDay(value: string): Date | null {
  if (!DATE_PATTERN.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export function entityTypeOf(value: string | null): string | null {
  const trimmed = value?.trim().toLowerCase() ?? '';
  return ENTITY_TYPE_PATTERN.test(trimmed) ? trimmed : null;
}

export function userIdOf(value: string | null): number | null {
  const id = Number(value);
  return value && Number.isInteger(id) && id >= 1 ? id : null;
}

export function activityStateFromParams(params: ParamMap): ActivityListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const action = params.get('action');
  const day = (name: string) => {
    const value = params.get(name);
    return value && localDay(value) ? value : null;
  };
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (ACTIVITY_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
    filters: {
      userId: userIdOf(params.get('userId')),
      action: (ACTIVITY_ACTIONS as readonly string[]).includes(action ?? '') ? (action as ActivityAction) : null,
      entityType: entityTypeOf(params.get('entityType')),
      from: day('from'),
      to: day('to'),
    },
  };
}

export function activityStateToParams(state: ActivityListState): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
    ...state.filters,
  };
}

export function hasActivityFilters(filters: ActivityFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

/** Calendar days become the instants that bound them in the admin's time zone, as in the call history. */
export function toActivityQuery(state: ActivityListState): AdminActivityListQuery {
  const { filters } = state;
  const query: AdminActivityListQuery = { page: state.page, pageSize: state.pageSize };
  if (filters.userId) query.userId = filters.userId;
  if (filters.action) query.action = filters.action;
  if (filters.entityType) query.entityType = filters.entityType;
  const from = filters.from ? localDay(filters.from) : null;
  if (from) query.from = from.toISOString();
  const to = filters.to ? localDay(filters.to) : null;
  if (to) query.to = new Date(to.getFullYear(), to.getMonth(), to.getDate(), 23, 59, 59, 999).toISOString();
  return query;
}

/** The details as one line of JSON, for a table cell. */
export function compactDetails(entry: Pick<ActivityLog, 'details'>): string {
  if (!entry.details || Object.keys(entry.details).length === 0) return '—';
  return JSON.stringify(entry.details);
}

export const USER_AGENT_SHOWN = 40;

export function truncate(text: string | null, length = USER_AGENT_SHOWN): string {
  if (!text) return '—';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
