import type { NumberRequestStatus } from '@hh/contracts';

export const REQUEST_STATUS_LABELS: Readonly<Record<NumberRequestStatus, string>> = {
  pending: 'Pending',
  approved: 'Approved',
  denied: 'Denied',
  fulfilled: 'Fulfilled',
};

/**
 * The colour of a request's status pill: pending amber, approved blue, denied red, fulfilled green. `active`,
 * `danger` and `success` are the global `.tone-*` classes; `info` (blue) is defined where requests are listed.
 */
export type RequestTone = 'active' | 'info' | 'danger' | 'success';

export const REQUEST_STATUS_TONES: Readonly<Record<NumberRequestStatus, RequestTone>> = {
  pending: 'active',
  approved: 'info',
  denied: 'danger',
  fulfilled: 'success',
};

/** What the user is told when an administrator processes one of their requests. */
export function requestProcessedMessage(status: NumberRequestStatus): string | null {
  return status === 'pending' ? null : `Your request was ${status}`;
}
