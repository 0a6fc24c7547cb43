import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describeWait, retryAfterSeconds, tryAgainIn } from './retry-after';

const tooMany = (retryAfter?: string) =>
  new HttpErrorResponse({ status: 429, headers: new HttpHeaders(retryAfter ? { 'Retry-After': retryAfter } : {}) });

describe('retryAfterSeconds', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterSeconds(tooMany('840'))).toBe(840);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(retryAfterSeconds(tooMany('Tue, 24 Nov 2026 10:05:00 GMT'), now)).toBe(300);
  });

  it('is null when the header is missing or unreadable', () => {
    expect(retryAfterSeconds(tooMany())).toBeNull();
    expect(retryAfterSeconds(tooMany('soon'))).toBeNull();
  });
});

describe('describeWait', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('%i s → %s', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });
});

describe('tryAgainIn', () => {
  it('says how long, or later when unknown', () => {
    expect(tryAgainIn(tooMany('840'))).toBe('Try again in 14 minutes.');
    expect(tryAgainIn(tooMany())).toBe('Try again later.');
  });
});
