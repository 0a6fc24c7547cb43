import type { AbstractControl, ValidatorFn } from '@angular/forms';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import type { CreateApiKeyBody } from './api-keys-api.service';

export const KEY_NAME_MAX_LENGTH = 100;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The expiry sent for a date picked as "Expires on": the end of that day in UTC, so that a key picked to expire
 * on the 30th works through the whole of the 30th. Null for something that is not a real calendar date.
 */
export function endOfDayUtc(date: string): string | null {
  const match = DATE_ONLY.exec(date);
  if (!match) {
    return null;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  const real = end.getUTCFullYear() === year && end.getUTCMonth() === month - 1 && end.getUTCDate() === day;
  return real ? end.toISOString() : null;
}

/** The first date a key may expire on: today in UTC (whose end is still ahead), as the date field's minimum. */
export function earliestExpiryDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "Expires on" must be a date whose end (UTC) is still in the future, as the API requires of expiresAt. */
export function futureExpiryDate(now: () => Date = () => new Date()): ValidatorFn {
  return (control) => {
    const value = typeof control.value === 'string' ? control.value.trim() : '';
    if (value === '') {
      return null;
    }
    const expiresAt = endOfDayUtc(value);
    if (expiresAt === null) {
      return { expiryDate: 'Enter a valid date.' };
    }
    return Date.parse(expiresAt) > now().getTime() ? null : { expiryDate: 'The expiry date must be in the future.' };
  };
}

/** The message under a key field: the expiry rule's own words first, then the shared wording. */
export function apiKeyFieldErrorMessage(control: AbstractControl, label: string): string | null {
  const own = control.errors?.['expiryDate'];
  return typeof own === 'string' && typeof control.errors?.['server'] !== 'string'
    ? own
    : fieldErrorMessage(control, label);
}

/** The body to send: a trimmed name (or none, for the API's default name) and the expiry as an ISO date-time. */
export function createApiKeyBody(value: { keyName: string; expiresAt: string }): CreateApiKeyBody {
  const body: CreateApiKeyBody = {};
  const keyName = value.keyName.trim();
  if (keyName) {
    body.keyName = keyName;
  }
  const expiresAt = value.expiresAt ? endOfDayUtc(value.expiresAt) : null;
  if (expiresAt) {
    body.expiresAt = expiresAt;
  }
  return body;
}
