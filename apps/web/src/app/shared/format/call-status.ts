import { type Call, type CallStatus, FAILED_CALL_STATUSES, FINAL_CALL_STATUSES } from '@hh/contracts';
import { formatClock, formatDuration } from './duration';

/** How a status is coloured: green for a completed call, red for a failed one, amber while live. */
export type CallTone = 'success' | 'danger' | 'active' | 'neutral';

/** Statuses as nouns, for lists, filters and details. */
export const CALL_STATUS_LABELS: Readonly<Record<CallStatus, string>> = {
  initiated: 'Initiated',
  ringing: 'Ringing',
  in_progress: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  busy: 'Busy',
  no_answer: 'No answer',
  canceled: 'Canceled',
};

/**
 * A call's status as its owner reads it in lists and details: an inbound call that was not answered (it rang out,
 * or was declined) is a missed call, as phones show it.
 */
export function callStatusLabel(call: Pick<Call, 'status' | 'direction'>): string {
  if (call.direction === 'inbound' && (call.status === 'no_answer' || call.status === 'busy')) {
    return 'Missed';
  }
  return CALL_STATUS_LABELS[call.status];
}

/** Statuses as the dialer announces them while the call is live. */
export const LIVE_CALL_STATUS_LABELS: Readonly<Record<CallStatus, string>> = {
  ...CALL_STATUS_LABELS,
  initiated: 'Calling…',
  ringing: 'Ringing…',
};

export function isFinalCallStatus(status: CallStatus): boolean {
  return FINAL_CALL_STATUSES.includes(status);
}

export function callStatusTone(status: CallStatus): CallTone {
  if (status === 'completed') {
    return 'success';
  }
  if (FAILED_CALL_STATUSES.includes(status)) {
    return 'danger';
  }
  return isFinalCallStatus(status) ? 'neutral' : 'active';
}

/**
 * How far a call has got: initiated → ringing → in progress → final. Updates reach the web app by two roads (the
 * response to a request and the live stream), so an update that would move a call backwards is stale and ignored.
 */
export function callProgress(status: CallStatus): number {
  switch (status) {
    case 'initiated':
      return 0;
    case 'ringing':
      return 1;
    case 'in_progress':
      return 2;
    default:
      return 3;
  }
}

/** The status that hangs a call up from where it is (PATCH /calls/{id}), or null when it is over. */
export function hangUpStatusFor(status: CallStatus): 'canceled' | 'completed' | null {
  if (status === 'initiated' || status === 'ringing') {
    return 'canceled';
  }
  return status === 'in_progress' ? 'completed' : null;
}

/** A finished call's outcome with its length: "Completed · 0:30"; unanswered outcomes alone: "No answer". */
export function callOutcome(call: Pick<Call, 'status' | 'durationSeconds'>): string {
  const label = CALL_STATUS_LABELS[call.status];
  return call.status === 'completed' || call.durationSeconds > 0
    ? `${label} · ${formatClock(call.durationSeconds)}`
    : label;
}

/** What a call list shows for a call: how long it lasted when it was answered ("2m 34s"), otherwise its outcome. */
export function callSummary(call: Pick<Call, 'status' | 'durationSeconds'>): string {
  return call.status === 'completed' ? formatDuration(call.durationSeconds) : CALL_STATUS_LABELS[call.status];
}
