import type { Call } from '@hh/contracts';
import { callProgress } from '../format/call-status';

/** Whether `update` is at least as recent as `current` for the same call (a stale update never moves it backwards). */
export function isNewerOrSame(update: Call, current: Call): boolean {
  return callProgress(update.status) >= callProgress(current.status);
}

export interface MergeOptions {
  /** Add a call the list does not hold yet, in start-time order (newest first). */
  insertNew: boolean;
  /** Keep at most this many calls. */
  limit?: number;
}

/**
 * A list with one call's live update applied: the call is replaced in place, or (when asked) inserted by start time
 * if it belongs among the newest. A call older than the whole of a full list stays out, since it belongs on a later
 * page. Returns the same array when nothing changed.
 */
export function mergeCallUpdate(list: readonly Call[], update: Call, options: MergeOptions): Call[] {
  const index = list.findIndex((call) => call.id === update.id);
  if (index !== -1) {
    if (!isNewerOrSame(update, list[index])) {
      return list as Call[];
    }
    const next = [...list];
    next[index] = update;
    return next;
  }
  if (!options.insertNew) {
    return list as Call[];
  }
  const start = Date.parse(update.startTime);
  const full = options.limit !== undefined && list.length >= options.limit;
  const oldest = list[list.length - 1];
  if (full && oldest && start < Date.parse(oldest.startTime)) {
    return list as Call[];
  }
  const position = list.findIndex((call) => Date.parse(call.startTime) <= start);
  const next = [...list];
  next.splice(position === -1 ? next.length : position, 0, update);
  return options.limit !== undefined ? next.slice(0, options.limit) : next;
}
