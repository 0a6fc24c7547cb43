import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthStore } from './auth-store.service';

describe('AuthStore', () => {
  let store: AuthStore;
  let httpMock: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('starts signed out', () => {
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.accessToken()).toBeNull();
  });

  it('signs in with the credentials and keeps the user and access token in memory only', () => {
    const setItem = jest.spyOn(Storage.prototype, 'setItem');
    const admin = aUser({ role: 'admin' });
    let signedIn: unknown;

    store.signIn({ email: 'jane@example.com', password: 'Tr0ubadour' }).subscribe((user) => (signedIn = user));
    const request = httpMock.expectOne(AUTH_ENDPOINTS.login);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'jane@example.com', password: 'Tr0ubadour' });
    request.flush(anAuthResponse(admin, 'access-A'));

    expect(signedIn).toEqual(admin);
    expect(store.isAuthenticated()).toBe(true);
    expect(store.accessToken()).toBe('access-A');
    expect(store.isAdmin()).toBe(true);
    expect(store.homePath()).toBe('/voip/admin');
    // Only the session hint reaches storage; never the token or the user.
    expect(setItem.mock.calls).toEqual([['hh.session', '1']]);
    setItem.mockRestore();
  });

  it('signs up and starts the session of the new (pending) client', () => {
    store.signUp({ name: 'Jane Doe', email: 'jane@example.com', password: 'Tr0ubadour' }).subscribe();
    const request = httpMock.expectOne(AUTH_ENDPOINTS.signup);
    expect(request.request.body).toEqual({ name: 'Jane Doe', email: 'jane@example.com', password: 'Tr0ubadour' });
    request.flush(anAuthResponse(aUser({ status: 'pending' })));

    expect(store.user()?.status).toBe('pending');
    expect(store.isAdmin()).toBe(false);
    expect(store.homePath()).toBe('/voip/dashboard');
  });

  it('leaves the store signed out when sign-in fails', () => {
    let failed = false;
    store.signIn({ email: 'jane@example.com', password: 'wrong' }).subscribe({ error: () => (failed = true) });
    httpMock
      .expectOne(AUTH_ENDPOINTS.login)
      .flush(aProblem(401, 'Invalid email or password'), { status: 401, statusText: 'Unauthorized' });

    expect(failed).toBe(true);
    expect(store.isAuthenticated()).toBe(false);
  });

  it('restores the session from the refresh cookie with an empty body', async () => {
    localStorage.setItem('hh.session', '1');
    const restored = store.restoreSession();
    const request = httpMock.expectOne(AUTH_ENDPOINTS.refresh);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({});
    request.flush(anAuthResponse(aUser(), 'access-R'));
    await restored;

    expect(store.isAuthenticated()).toBe(true);
    expect(store.accessToken()).toBe('access-R');
  });

  it('asks nothing at start-up in a browser that holds no session (no 401 in the console)', async () => {
    localStorage.removeItem('hh.session');
    await expect(store.restoreSession()).resolves.toBeUndefined();
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    expect(store.isAuthenticated()).toBe(false);
  });

  it('starts signed out, without an error, when the session it held has ended', async () => {
    localStorage.setItem('hh.session', '1');
    const restored = store.restoreSession();
    httpMock
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(aProblem(401, 'No session'), { status: 401, statusText: 'Unauthorized' });

    await expect(restored).resolves.toBeUndefined();
    expect(store.isAuthenticated()).toBe(false);
    // Forgotten: the next start asks nothing.
    expect(localStorage.getItem('hh.session')).toBeNull();
  });

  it('shares one refresh request between concurrent callers', () => {
    const tokens: string[] = [];
    store.refresh().subscribe((response) => tokens.push(response.accessToken));
    store.refresh().subscribe((response) => tokens.push(response.accessToken));

    const requests = httpMock.match(AUTH_ENDPOINTS.refresh);
    expect(requests).toHaveLength(1);
    requests[0].flush(anAuthResponse(aUser(), 'access-2'));
    expect(tokens).toEqual(['access-2', 'access-2']);

    // Once it is over, the next refresh is a new request.
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-3'));
    expect(store.accessToken()).toBe('access-3');
  });

  it('ends the session when a refresh is refused', () => {
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse());
    expect(store.isAuthenticated()).toBe(true);

    store.refresh().subscribe({ error: () => undefined });
    httpMock
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(aProblem(401, 'Revoked'), { status: 401, statusText: 'Unauthorized' });
    expect(store.isAuthenticated()).toBe(false);
  });

  it('signs out on the server and clears the session before subscribers run', () => {
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse());

    let authenticatedWhenNotified: boolean | null = null;
    store.signOut().subscribe(() => (authenticatedWhenNotified = store.isAuthenticated()));
    const request = httpMock.expectOne(AUTH_ENDPOINTS.logout);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({});
    request.flush(null, { status: 204, statusText: 'No Content' });

    expect(authenticatedWhenNotified).toBe(false);
    expect(store.user()).toBeNull();
  });

  it('still signs out locally when the server cannot be reached', () => {
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse());

    let done = false;
    store.signOut().subscribe({ complete: () => (done = true) });
    httpMock.expectOne(AUTH_ENDPOINTS.logout).error(new ProgressEvent('network'));

    expect(done).toBe(true);
    expect(store.isAuthenticated()).toBe(false);
  });

  it('replaces the user after a profile change, keeping the token', () => {
    store.refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-K'));

    store.updateUser(aUser({ name: 'Jane Smith' }));
    expect(store.user()?.name).toBe('Jane Smith');
    expect(store.accessToken()).toBe('access-K');
  });
});
