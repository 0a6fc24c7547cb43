import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { defer, of, Subject } from 'rxjs';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthStore } from './auth-store.service';
import { REFRESH_LOCK_NAME, underRefreshLock } from './refresh-lock';

/** navigator.locks as a browser runs it for one origin: exclusive locks, granted by name in the order asked. */
class FakeLockManager {
  readonly asked: string[] = [];
  private readonly tails = new Map<string, Promise<unknown>>();

  request(name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<unknown>): Promise<unknown> {
    this.asked.push(name);
    const granted = (this.tails.get(name) ?? Promise.resolve()).then(() => {
      if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      return callback({ name, mode: 'exclusive' });
    });
    this.tails.set(
      name,
      granted.catch(() => undefined),
    );
    return granted;
  }
}

/** Lets the lock's promises run (grants, releases) before the test looks at the requests sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('refresh across tabs (Web Locks)', () => {
  let httpMock: HttpTestingController;
  let locks: FakeLockManager;
  /** Each tab of the browser has its own AuthStore; they share the cookie jar (here: the one HTTP backend). */
  let tabs: AuthStore[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    httpMock = TestBed.inject(HttpTestingController);
    locks = new FakeLockManager();
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    tabs = [1, 2, 3].map(() => TestBed.runInInjectionContext(() => new AuthStore()));
    // These tabs had signed in before: the browser holds a session to restore.
    localStorage.setItem('hh.session', '1');
  });

  afterEach(() => {
    delete (navigator as { locks?: unknown }).locks;
    httpMock.verify();
  });

  it('lets one tab refresh at a time, each after the previous answer set the new cookie', async () => {
    const restored = tabs.map((tab) => tab.restoreSession());
    await settle();

    for (const [index, token] of ['access-1', 'access-2', 'access-3'].entries()) {
      // Only one refresh is ever on the wire: the next tab waits for the lock, so it will send the cookie this one sets.
      const onTheWire = httpMock.match(AUTH_ENDPOINTS.refresh);
      expect(onTheWire).toHaveLength(1);
      onTheWire[0].flush(anAuthResponse(aUser(), token));
      await settle();
      expect(tabs.filter((tab) => tab.isAuthenticated())).toHaveLength(index + 1);
    }
    await Promise.all(restored);
    expect(tabs.map((tab) => tab.accessToken()).sort()).toEqual(['access-1', 'access-2', 'access-3']);
    expect(locks.asked).toEqual([REFRESH_LOCK_NAME, REFRESH_LOCK_NAME, REFRESH_LOCK_NAME]);
  });

  it('still shares one request between the callers of one tab', async () => {
    const tokens: string[] = [];
    tabs[0].refresh().subscribe((response) => tokens.push(response.accessToken));
    tabs[0].refresh().subscribe((response) => tokens.push(response.accessToken));
    await settle();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-1'));
    expect(tokens).toEqual(['access-1', 'access-1']);
    expect(locks.asked).toHaveLength(1);
  });

  it('releases the lock after a refused refresh, so the next tab is not stuck', async () => {
    const first = tabs[0].restoreSession();
    const second = tabs[1].restoreSession();
    await settle();
    httpMock
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(aProblem(401, 'No session'), { status: 401, statusText: 'Unauthorized' });
    await first;
    expect(tabs[0].isAuthenticated()).toBe(false);
    await settle();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-2'));
    await second;
    expect(tabs[1].accessToken()).toBe('access-2');
  });

  it('never starts a refresh whose caller left while it waited for the lock, and frees the lock for the next', async () => {
    let started = 0;
    const refresh = defer(() => {
      started += 1;
      return of(started);
    });
    const holder = new Subject<void>();
    underRefreshLock(holder).subscribe();
    const gaveUp = underRefreshLock(refresh).subscribe();
    const seen: number[] = [];
    underRefreshLock(refresh).subscribe((value) => seen.push(value));
    await settle();
    gaveUp.unsubscribe();
    holder.complete();
    await settle();
    expect(started).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('refreshes at once, without a lock, where the browser has no Web Locks API', () => {
    delete (navigator as { locks?: unknown }).locks;
    tabs[0].refresh().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-1'));
    expect(tabs[0].accessToken()).toBe('access-1');
    expect(locks.asked).toEqual([]);
  });
});
