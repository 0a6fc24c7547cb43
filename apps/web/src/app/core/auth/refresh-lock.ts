import { finalize, Observable, type Subscription } from 'rxjs';

/** The Web Lock every tab of the portal takes before it trades the refresh cookie (one name for all tabs). */
export const REFRESH_LOCK_NAME = 'hh-session-refresh';

/**
 * Runs `refresh` while holding the portal's refresh lock, so that at most one tab of the browser refreshes at a
 * time: the request is only sent once the lock is granted, and the lock is released when it settles (or is
 * cancelled), and by the browser when a tab closes.
 *
 * The API rotates the refresh token on every use and treats a rotated one presented again as theft (it revokes the
 * whole session). The token is an HttpOnly cookie shared by the tabs: two tabs that refresh at once (a reload of
 * several, a burst of expiries) would both send the same cookie and the second would sign the user out everywhere.
 * Under the lock, a tab's request leaves only after the previous tab's answer has set the new cookie, so it presents
 * that one: it builds on the other tab's result, whatever cookie it saw when it started.
 *
 * Without the Web Locks API (older browsers, pages served over plain HTTP from another host than localhost)
 * `refresh` runs at once: refreshes are then shared within a tab only (AuthStore.refresh).
 */
export function underRefreshLock<T>(refresh: Observable<T>): Observable<T> {
  const locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof locks.request !== 'function') return refresh;
  return new Observable<T>((subscriber) => {
    const waiting = new AbortController();
    let release: () => void = () => undefined;
    let running: Subscription | undefined;
    locks
      .request(REFRESH_LOCK_NAME, { mode: 'exclusive', signal: waiting.signal }, () => {
        return new Promise<void>((resolve) => {
          release = resolve;
          if (subscriber.closed) return resolve();
          running = refresh.pipe(finalize(resolve)).subscribe(subscriber);
        });
      })
      .catch((error: unknown) => {
        // Aborted while waiting: nobody listens any more.
        if (!waiting.signal.aborted) subscriber.error(error);
      });
    return () => {
      waiting.abort();
      running?.unsubscribe();
      release();
    };
  });
}
