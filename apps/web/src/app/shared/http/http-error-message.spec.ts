import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { aProblem } from '../../testing/auth-fixtures';
import { httpErrorMessage, SERVER_FAULT_MESSAGE, UNREACHABLE_MESSAGE } from './http-error-message';

const failure = (status: number, body: unknown = null, headers = new HttpHeaders()) =>
  new HttpErrorResponse({ status, error: body, headers });

describe('httpErrorMessage', () => {
  it("uses the server's explanation as a sentence", () => {
    expect(httpErrorMessage(failure(409, aProblem(409, 'the call is already over')))).toBe('The call is already over.');
  });

  it('explains connectivity problems, server faults and rate limits in plain words', () => {
    expect(httpErrorMessage(failure(0))).toBe(UNREACHABLE_MESSAGE);
    expect(httpErrorMessage(failure(503, aProblem(503, 'Database down')))).toBe(SERVER_FAULT_MESSAGE);
    expect(httpErrorMessage(failure(429, null, new HttpHeaders({ 'Retry-After': '30' })))).toBe(
      'Too many requests. Try again in 30 seconds.',
    );
    expect(httpErrorMessage(new Error('boom'))).toBe(SERVER_FAULT_MESSAGE);
  });
});
