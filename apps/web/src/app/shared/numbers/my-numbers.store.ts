import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { PhoneNumber } from '@hh/contracts';
import { catchError, filter, map, merge, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { NumbersApiService } from './numbers-api.service';

/**
 * My numbers, kept current: loaded once, and loaded again when a request of mine is fulfilled (a number was just
 * assigned) or the live stream reconnects (an event may have been missed). Provided by the page that shows them.
 */
@Injectable()
export class MyNumbersStore {
  private readonly api = inject(NumbersApiService);
  private readonly reload$ = new Subject<void>();
  private readonly state = signal<PhoneNumber[]>([]);

  readonly numbers = this.state.asReadonly();
  /** True while a load is in flight, including reloads behind a list already shown. */
  readonly loading = signal(true);
  /** Whether a list has arrived at least once: until then there is nothing to show but a spinner or an error. */
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    const events = inject(LiveEventsService);
    const fulfilled$ = events.requestUpdates$.pipe(filter((request) => request.status === 'fulfilled'));

    merge(this.reload$, fulfilled$, events.reconnected$)
      .pipe(
        map(() => undefined),
        startWith(undefined),
        tap(() => this.loading.set(true)),
        switchMap(() =>
          this.api.myNumbers().pipe(
            map((numbers) => ({ numbers, error: null })),
            catchError((error: unknown) => of({ numbers: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ numbers, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (numbers) {
          this.state.set(numbers);
          this.loaded.set(true);
        }
      });
  }

  reload(): void {
    this.reload$.next();
  }

  /** Puts a number the API just returned (e.g. renamed) in place of the one shown. */
  replace(number: PhoneNumber): void {
    this.state.update((numbers) => numbers.map((shown) => (shown.id === number.id ? number : shown)));
  }
}
