/** The Web Lock a tab holds while it places a portal call (one name per call id, shared by the tabs). */
export function dialLockName(callId: number): string {
  return `hh-softphone-dial-${callId}`;
}

/**
 * Claims the placing of a call for this tab, if no other tab of the browser has: the lock is asked with
 * `ifAvailable`, so a tab that comes second gets false at once instead of waiting, and it is held until `until`
 * settles (the call is over), so a tab whose `call.dial` event arrives late still finds it taken. Every tab and
 * device of the user gets the event; across devices the API accepts the first INVITE only.
 *
 * Without the Web Locks API (old browsers, specs) every tab may try, and the API still refuses a second INVITE.
 */
export function claimDialLock(callId: number, until: Promise<void>): Promise<boolean> {
  const locks = lockManager();
  if (!locks) {
    return Promise.resolve(true);
  }
  return new Promise<boolean>((resolve) => {
    locks
      .request(dialLockName(callId), { mode: 'exclusive', ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? until : undefined;
      })
      .catch(() => resolve(true));
  });
}

/** Held by a tab while its dialer creates a call (POST /calls), which it then places itself. */
export const PLACING_LOCK_NAME = 'hh-softphone-placing';

function lockManager(): LockManager | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

/**
 * Tells the other tabs that this one is creating a call it will place: the API announces every new call with
 * `call.dial` to all of them, possibly before this tab has the POST's answer. Held until `until` settles; by then this
 * tab has asked for the call's dial lock, which was queued first.
 */
export function holdPlacingLock(until: Promise<void>): void {
  lockManager()
    ?.request(PLACING_LOCK_NAME, { mode: 'exclusive' }, () => until)
    .catch(() => undefined);
}

/** Resolves once no tab is creating a call (at once without Web Locks). */
export function afterPlacingTabs(): Promise<void> {
  const locks = lockManager();
  return locks
    ? locks
        .request(PLACING_LOCK_NAME, { mode: 'shared' }, () => undefined)
        .then(
          () => undefined,
          () => undefined,
        )
    : Promise.resolve();
}
