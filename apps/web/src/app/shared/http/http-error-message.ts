import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@hh/contracts';
import { tryAgainIn } from './retry-after';

export const UNREACHABLE_MESSAGE = "We couldn't reach the server. Check your connection and try again.";
export const SERVER_FAULT_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

/** The RFC 9457 body of an API error, when there is one. */
export function problemDetailsOf(error: unknown): ProblemDetails | null {
  if (!(error instanceof HttpErrorResponse) || typeof error.error !== 'object' || error.error === null) {
    return null;
  }
  const body = error.error as Partial<ProblemDetails>;
  return typeof body.status === 'number' || typeof body.title === 'string' || Array.isArray(body.errors)
    ? (body as ProblemDetails)
    : null;
}

/** "must be a valid number" → "Must be a valid number."; sentences are kept as they are. */
export function sentenceCase(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * One sentence for a failed request that has no better place than a banner or a snack bar: the server's own
 * explanation when it gave one, the wait for a 429, a word on connectivity or a server fault otherwise.
 */
export function httpErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return SERVER_FAULT_MESSAGE;
  }
  if (error.status === 0) {
    return UNREACHABLE_MESSAGE;
  }
  if (error.status === 429) {
    return `Too many requests. ${tryAgainIn(error)}`;
  }
  if (error.status >= 500) {
    return SERVER_FAULT_MESSAGE;
  }
  const problem = problemDetailsOf(error);
  const summary = problem?.detail ?? problem?.errors?.[0]?.message ?? problem?.title;
  return summary ? sentenceCase(summary) : 'The request could not be completed. Please try again.';
}
