import { DestroyRef, DOCUMENT, effect, inject, Injectable, Injector, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { APP_ROUTES, type Call } from '@hh/contracts';
import { catchError, EMPTY, filter } from 'rxjs';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { AuthStore } from '../auth/auth-store.service';
import { LiveEventsService } from '../live-events/live-events.service';

/** localStorage key of when a user last opened Call history (ISO 8601), per user: a browser may be shared. */
export function historyOpenedKey(userId: number): string {
  return `hh.callHistoryOpened.${userId}`;
}

/** Missed means nobody answered; a declined call (busy) was seen, so it does not count. */
function isMissed(call: Call): boolean {
  return call.direction === 'inbound' && call.status === 'no_answer';
}

/**
 * The missed-call badge of the Call history entry: inbound calls that ended unanswered since the user last opened
 * Call history. On sign-in it counts them through GET /calls (from the last opening on), then adds each one the live
 * stream reports; opening Call history clears it. Started by the signed-in shell (enable()).
 */
@Injectable({ providedIn: 'root' })
export class MissedCallsService {
  private readonly auth = inject(AuthStore);
  private readonly events = inject(LiveEventsService);
  private readonly api = inject(CallsApiService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  private readonly countSignal = signal(0);
  /** Missed calls not seen yet. */
  readonly count = this.countSignal.asReadonly();

  private enabled = false;
  private userId: number | null = null;
  /** Calls already counted (the stream repeats a call on every change, e.g. a notes edit). */
  private counted = new Set<number>();
  private openedAt = 0;

  /** Follows the session from now on. Idempotent. */
  enable(): void {
    if (this.enabled) {
      return;
    }
    this.enabled = true;
    effect(
      () => {
        const user = this.auth.isAuthenticated() ? this.auth.user() : null;
        untracked(() => this.start(user?.id ?? null));
      },
      { injector: this.injector },
    );
    this.events.callUpdates$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((call) => this.receive(call));
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.onHistoryPage() && this.markSeen());
  }

  /** Call history was opened: everything so far has been seen. */
  markSeen(): void {
    this.counted = new Set();
    this.countSignal.set(0);
    this.openedAt = Date.now();
    if (this.userId !== null) {
      this.write(this.userId, new Date(this.openedAt).toISOString());
    }
  }

  private start(userId: number | null): void {
    if (userId === this.userId) {
      return;
    }
    this.userId = userId;
    this.counted = new Set();
    this.countSignal.set(0);
    if (userId === null) {
      return;
    }
    if (this.onHistoryPage()) {
      this.markSeen();
      return;
    }
    const stored = Date.parse(this.read(userId) ?? '');
    if (Number.isNaN(stored)) {
      // First visit in this browser: the history before it is not news.
      this.markSeen();
      return;
    }
    this.openedAt = stored;
    this.api
      .list({
        direction: 'inbound',
        status: 'no_answer',
        from: new Date(stored).toISOString(),
        page: 1,
        pageSize: 100,
        sort: '-startTime',
      })
      .pipe(
        catchError(() => EMPTY), // the badge is a hint: without it, Call history still lists them
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((page) => {
        if (this.userId !== userId || this.openedAt !== stored) {
          return; // signed out, or history opened, meanwhile
        }
        for (const call of page.data) {
          this.counted.add(call.id);
        }
        this.countSignal.update((count) => count + Math.max(page.meta.total, page.data.length));
      });
  }

  private receive(call: Call): void {
    if (this.userId === null || !isMissed(call) || this.counted.has(call.id)) {
      return;
    }
    // An older missed call seen already (its notes were edited) ended before Call history was last opened.
    const endedAt = Date.parse(call.endTime ?? '') || Date.now();
    if (endedAt < this.openedAt) {
      return;
    }
    if (this.onHistoryPage()) {
      this.markSeen(); // listed right there
      return;
    }
    this.counted.add(call.id);
    this.countSignal.update((count) => count + 1);
  }

  private onHistoryPage(): boolean {
    const path = this.router.url.split(/[?#]/)[0];
    return path === APP_ROUTES.calls.path || path.startsWith(`${APP_ROUTES.calls.path}/`);
  }

  private read(userId: number): string | null {
    try {
      return this.storage?.getItem(historyOpenedKey(userId)) ?? null;
    } catch {
      return null;
    }
  }

  private write(userId: number, value: string): void {
    try {
      this.storage?.setItem(historyOpenedKey(userId), value);
    } catch {
      // Private mode or full storage: the badge only lasts until the next load.
    }
  }
}
