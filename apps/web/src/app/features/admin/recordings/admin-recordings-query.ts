import type { ParamMap, Params } from '@angular/router';
import { dayEnd, dayOf, dayStart, idOf, pageFromParams, pageToParams } from '../../../shared/http/url-state';
import type { AdminRecordingListQuery } from '../../../shared/recordings/recordings-api.service';

/** The recordings list's filters and page, kept in the URL (?userId=7&from=2026-11-01&page=2). */
export interface RecordingFilters {
  userId: number | null;
  /** Local calendar days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
}

export interface RecordingListState {
  page: number;
  pageSize: number;
  filters: RecordingFilters;
}

export const NO_RECORDING_FILTERS: RecordingFilters = { userId: null, from: null, to: null };

export function recordingStateFromParams(params: ParamMap): RecordingListState {
  return {
    ...pageFromParams(params),
    filters: {
      userId: idOf(params.get('userId')),
      from: dayOf(params.get('from')),
      to: dayOf(params.get('to')),
    },
  };
}

export function recordingStateToParams(state: RecordingListState): Params {
  return { ...pageToParams(state), ...state.filters };
}

export function hasRecordingFilters(filters: RecordingFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

/** Calendar days become the instants that bound them in the admin's time zone, as in the other lists. */
export function toRecordingQuery(state: RecordingListState): AdminRecordingListQuery {
  const { filters } = state;
  const query: AdminRecordingListQuery = { page: state.page, pageSize: state.pageSize };
  if (filters.userId) query.userId = filters.userId;
  const from = filters.from ? dayStart(filters.from) : null;
  if (from) query.from = from;
  const to = filters.to ? dayEnd(filters.to) : null;
  if (to) query.to = to;
  return query;
}
