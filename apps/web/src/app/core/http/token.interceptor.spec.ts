import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { AUTH_ENDPOINTS } from '../auth/auth-endpoints';
import { AuthStore } from '../auth/auth-store.service';
import { tokenInterceptor } from './token.interceptor';

const CALLS = '/api/v1/calls';
const NUMBERS = '/api/v1/numbers';

function unauthorized(request: TestRequest): void {
  request.flush(aProblem(401, 'Access token expired'), { status: 401, statusText: 'Unauthorized' });
}

describe('tokenInterceptor', () => {
  let http: HttpClient;
  let httpMock: HttpTestingController;
  let store: AuthStore;
  let navigateByUrl: jest.SpyInstance;

  function startSession(accessToken: string): void {
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), accessToken));
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    httpMock = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthStore);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    startSession('old-token');
  });

  afterEach(() => httpMock.verify());

  it('attaches the access token to API requests', () => {
    http.get(CALLS).subscribe();
    expect(httpMock.expectOne(CALLS).request.headers.get('Authorization')).toBe('Bearer old-token');
  });

  it('never sends the token to another origin', () => {
    http.get('https://example.com/api/v1/calls').subscribe();
    expect(httpMock.expectOne('https://example.com/api/v1/calls').request.headers.has('Authorization')).toBe(false);
  });

  it.each([AUTH_ENDPOINTS.login, AUTH_ENDPOINTS.signup, AUTH_ENDPOINTS.refresh])(
    'does not attach the token to %s, which authenticates by itself',
    (url) => {
      http.post(url, {}).subscribe({ error: () => undefined });
      const request = httpMock.expectOne(url);
      expect(request.request.headers.has('Authorization')).toBe(false);
      request.flush(null);
    },
  );

  it('passes a 401 from sign-in to the caller without refreshing', () => {
    let status = 0;
    http.post(AUTH_ENDPOINTS.login, {}).subscribe({ error: (error: HttpErrorResponse) => (status = error.status) });
    unauthorized(httpMock.expectOne(AUTH_ENDPOINTS.login));

    expect(status).toBe(401);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    expect(store.isAuthenticated()).toBe(true);
  });

  it('on a 401 refreshes once and retries the request with the new token', () => {
    let body: unknown;
    http.get(CALLS).subscribe((response) => (body = response));

    unauthorized(httpMock.expectOne(CALLS));
    const refresh = httpMock.expectOne(AUTH_ENDPOINTS.refresh);
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(anAuthResponse(aUser(), 'new-token'));

    const retry = httpMock.expectOne(CALLS);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
    retry.flush({ data: [] });

    expect(body).toEqual({ data: [] });
    expect(store.accessToken()).toBe('new-token');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('makes concurrent 401s wait for one single refresh', () => {
    const results: unknown[] = [];
    http.get(CALLS).subscribe((response) => results.push(response));
    http.get(NUMBERS).subscribe((response) => results.push(response));

    unauthorized(httpMock.expectOne(CALLS));
    unauthorized(httpMock.expectOne(NUMBERS));

    const refreshes = httpMock.match(AUTH_ENDPOINTS.refresh);
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush(anAuthResponse(aUser(), 'new-token'));

    const retries = [httpMock.expectOne(CALLS), httpMock.expectOne(NUMBERS)];
    for (const retry of retries) {
      expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
      retry.flush('ok');
    }
    expect(results).toEqual(['ok', 'ok']);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
  });

  it('retries with a token refreshed while the request was in flight, without refreshing again', () => {
    http.get(CALLS).subscribe();
    const stale = httpMock.expectOne(CALLS);

    // Another request already went through a refresh in the meantime.
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'newer-token'));

    unauthorized(stale);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    const retry = httpMock.expectOne(CALLS);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer newer-token');
    retry.flush('ok');
  });

  it('does not loop: a 401 on the retry goes back to the caller', () => {
    let status = 0;
    http.get(CALLS).subscribe({ error: (error: HttpErrorResponse) => (status = error.status) });

    unauthorized(httpMock.expectOne(CALLS));
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'new-token'));
    unauthorized(httpMock.expectOne(CALLS));

    expect(status).toBe(401);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    httpMock.expectNone(CALLS);
  });

  it('when the refresh fails, clears the session and sends the user to sign in', () => {
    jest.spyOn(TestBed.inject(Router), 'url', 'get').mockReturnValue('/voip/calls');
    let status = 0;
    http.get(CALLS).subscribe({ error: (error: HttpErrorResponse) => (status = error.status) });

    unauthorized(httpMock.expectOne(CALLS));
    httpMock
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(aProblem(401, 'Refresh token reused'), { status: 401, statusText: 'Unauthorized' });

    expect(status).toBe(401);
    expect(store.isAuthenticated()).toBe(false);
    expect(navigateByUrl).toHaveBeenCalledTimes(1);
    expect(String(navigateByUrl.mock.calls[0][0])).toBe('/voip/auth?returnUrl=%2Fvoip%2Fcalls');
    httpMock.expectNone(CALLS);
  });

  it('leaves other errors alone', () => {
    let status = 0;
    http.get(CALLS).subscribe({ error: (error: HttpErrorResponse) => (status = error.status) });
    httpMock.expectOne(CALLS).flush(aProblem(403, 'Awaiting approval'), { status: 403, statusText: 'Forbidden' });

    expect(status).toBe(403);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    expect(store.isAuthenticated()).toBe(true);
  });
});
