import { HttpErrorResponse } from '@angular/common/http';
import { RATE_LIMITS } from '@hh/contracts';
import {
  httpErrorMessage,
  problemDetailsOf,
  sentenceCase,
  SERVER_FAULT_MESSAGE,
} from '../../shared/http/http-error-message';
import { tryAgainIn } from '../../shared/http/retry-after';

/** Where the dialer shows why a call was refused. */
export type DialRefusal =
  /** The number itself (400 on toNumber): shown under the display. */
  | { kind: 'number'; message: string }
  /** The caller ID (a number no longer mine, or none at all): the numbers are re-read, then this is shown. */
  | { kind: 'caller-id'; message: string }
  /** Anything else: a banner above the dial pad. */
  | { kind: 'banner'; message: string };

export const PENDING_ACCOUNT_MESSAGE =
  'Your account is awaiting approval. You can place calls as soon as an administrator approves it.';
export const SUSPENDED_ACCOUNT_MESSAGE =
  'Your account is suspended. Please contact Hardhat Hosting support to restore calling.';
export const CALLER_ID_MESSAGE =
  'The caller ID you picked is no longer one of your numbers. Pick another number and try again.';

/** "is not a valid, dialable phone number" → "This number is not a valid, dialable phone number." */
function aboutTheNumber(message: string): string {
  const trimmed = message.trim().replace(/^toNumber\s+/, '');
  return sentenceCase(/^[a-z]/.test(trimmed) ? `This number ${trimmed}` : trimmed);
}

/** Turns the API's refusal of POST /calls into words and a place on the page. */
export function dialRefusalOf(error: unknown): DialRefusal {
  if (!(error instanceof HttpErrorResponse)) {
    return { kind: 'banner', message: SERVER_FAULT_MESSAGE };
  }
  const problem = problemDetailsOf(error);
  switch (error.status) {
    case 400: {
      const numberError = problem?.errors?.find((fieldError) => fieldError.field === 'toNumber');
      if (numberError) {
        return { kind: 'number', message: aboutTheNumber(numberError.message) };
      }
      if (problem?.errors?.some((fieldError) => fieldError.field === 'fromNumber')) {
        return { kind: 'caller-id', message: CALLER_ID_MESSAGE };
      }
      return { kind: 'banner', message: httpErrorMessage(error) };
    }
    case 403:
      return {
        kind: 'banner',
        message: /suspend/i.test(problem?.detail ?? '') ? SUSPENDED_ACCOUNT_MESSAGE : PENDING_ACCOUNT_MESSAGE,
      };
    case 409:
      // No number at all, or the chosen one is no longer mine: the page re-reads the numbers to tell which.
      return { kind: 'caller-id', message: problem?.detail ? sentenceCase(problem.detail) : CALLER_ID_MESSAGE };
    case 429:
      return {
        kind: 'banner',
        message: `You can place up to ${RATE_LIMITS.calls.limit} calls a minute. ${tryAgainIn(error)}`,
      };
    default:
      return { kind: 'banner', message: httpErrorMessage(error) };
  }
}
