import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Call } from '@hh/contracts';
import { catchError, map, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { mergeCallUpdate } from './call-list-updates';
import { CallsApiService } from './calls-api.service';
import { DEFAULT_CALL_SORT } from './calls.models';

export const RECENT_CALLS_LIMIT = 5;

/**
 * My latest calls, kept current: loaded once, then updated from the live stream (a new call appears at the top,
 * a status change updates its row) and re-loaded when the stream reconnects. Provided by the page that shows it.
 */
@Injectable()
export class RecentCallsStore {
  private readonly api = inject(CallsApiService);
  private readonly reload$ = new Subject<void>();
  /** Live updates that arrive while a load is in flight, applied to its result so that none is lost. */
  private updatesDuringLoad: Call[] = [];

  private readonly state = signal<Call[]>([]);
  readonly calls = this.state.asReadonly();
  readonly loading = signal(true);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    const events = inject(LiveEventsService);
    const destroyRef = inject(DestroyRef);

    this.reload$
      .pipe(
        startWith(undefined),
        tap(() => {
          this.loading.set(true);
          this.updatesDuringLoad = [];
        }),
        switchMap(() =>
          this.api.list({ page: 1, pageSize: RECENT_CALLS_LIMIT, sort: DEFAULT_CALL_SORT }).pipe(
            map((page) => ({ calls: page.data, error: null })),
            catchError((error: unknown) => of({ calls: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ calls, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (calls) {
          this.state.set(this.updatesDuringLoad.reduce((list, update) => this.merge(list, update), calls));
          this.loaded.set(true);
        }
        this.updatesDuringLoad = [];
      });

    events.callUpdates$.pipe(takeUntilDestroyed(destroyRef)).subscribe((call) => this.apply(call));
    events.reconnected$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.reload());
  }

  reload(): void {
    this.reload$.next();
  }

  /** Applies a call fresher than the list (from the live stream, or a request's answer). */
  apply(call: Call): void {
    if (this.loading()) {
      this.updatesDuringLoad.push(call);
    }
    this.state.update((list) => this.merge(list, call));
  }

  private merge(list: Call[], call: Call): Call[] {
    return mergeCallUpdate(list, call, { insertNew: true, limit: RECENT_CALLS_LIMIT });
  }
}
