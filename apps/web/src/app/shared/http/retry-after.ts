import type { HttpErrorResponse } from '@angular/common/http';

/**
 * Seconds to wait according to a 429's `Retry-After` header, which is either delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Null when the header is missing or unreadable.
 */
export function retryAfterSeconds(error: HttpErrorResponse, now: number = Date.now()): number | null {
  const header = error.headers?.get('Retry-After')?.trim();
  if (!header) {
    return null;
  }
  if (/^\d+$/.test(header)) {
    return Number(header);
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** "45 seconds", "1 minute", "15 minutes": waits under a minute in seconds, longer ones rounded up to whole minutes. */
export function describeWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** "Try again in 15 minutes." (or "Try again later." when the server did not say how long). */
export function tryAgainIn(error: HttpErrorResponse): string {
  const seconds = retryAfterSeconds(error);
  return seconds === null ? 'Try again later.' : `Try again in ${describeWait(seconds)}.`;
}
