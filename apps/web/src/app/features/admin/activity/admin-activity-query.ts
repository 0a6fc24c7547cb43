import type { ParamMap, Params } from '@angular/router';
import { ACTIVITY_ACTIONS, type ActivityAction, type ActivityLog } from '@hh/contracts';
import { dayEnd, dayOf, dayStart, idOf, oneOf, pageFromParams, pageToParams } from '../../../shared/http/url-state';
import type { AdminActivityListQuery } from '../admin-api.service';

/** The activity log's filters and page, kept in the URL (?action=login&from=2026-11-01&page=2). */
const ENTITY_TYPE_PATTERN = /^[a-z_]{1,50}$/;

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

export function entityTypeOf(value: string | null): string | null {
  const trimmed = value?.trim().toLowerCase() ?? '';
  return ENTITY_TYPE_PATTERN.test(trimmed) ? trimmed : null;
}

/** The user id filter as typed or read from the URL. */
export const userIdOf = idOf;

export function activityStateFromParams(params: ParamMap): ActivityListState {
  return {
    ...pageFromParams(params),
    filters: {
      userId: idOf(params.get('userId')),
      action: oneOf(ACTIVITY_ACTIONS, params.get('action')),
      entityType: entityTypeOf(params.get('entityType')),
      from: dayOf(params.get('from')),
      to: dayOf(params.get('to')),
    },
  };
}

export function activityStateToParams(state: ActivityListState): Params {
  return {
    ...pageToParams(state),
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
  const from = filters.from ? dayStart(filters.from) : null;
  if (from) query.from = from;
  const to = filters.to ? dayEnd(filters.to) : null;
  if (to) query.to = to;
  return query;
}

/** The details as one line of JSON, for a table cell. */
/**
 * An entry's details as readable text, `key: value · key: value` (nested values as compact JSON): a table cell shows
 * its first two lines, the entry's details dialog shows the whole JSON.
 */
export function compactDetails(entry: Pick<ActivityLog, 'details'>): string {
  if (!entry.details || Object.keys(entry.details).length === 0) return '—';
  return Object.entries(entry.details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

export const USER_AGENT_SHOWN = 40;

export function truncate(text: string | null, length = USER_AGENT_SHOWN): string {
  if (!text) return '—';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
