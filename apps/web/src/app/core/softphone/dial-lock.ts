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
  const locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof locks.request !== 'function') {
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
