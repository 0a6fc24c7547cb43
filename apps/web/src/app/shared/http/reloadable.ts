import { assertInInjectionContext, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { catchError, map, merge, type Observable, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { httpErrorMessage } from './http-error-message';

export interface ReloadableOptions<T> {
  /** Asks the server for the data. */
  load(): Observable<T>;
  /** Keeps what arrived: called with each successful answer. */
  loaded(value: T): void;
  /** Other reasons to load again beside `reload()`: live events, a reconnected stream. */
  reloadOn?: Observable<unknown>[];
  /** Called as each load starts (e.g. to forget live updates kept for the previous one). */
  starting?(): void;
}

/**
 * Data a store loads once and again on demand, with the state a page shows around it: `loading` while a load is in
 * flight (a reload behind data already shown included), `loaded` once data has arrived at least once, and `error`,
 * why the last load failed, in a sentence, or null. Only the latest load counts: a reload drops an older one still
 * in flight (switchMap). A server-paged list with its state in the URL is a {@link ServerList} instead.
 *
 * Create it with {@link injectReloadable} in a store's field initialiser, after the fields its callbacks use.
 */
export class Reloadable<T> {
  private readonly reloads = new Subject<void>();
  private readonly settled = new Subject<T | null>();

  readonly loading = signal(true);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  /** Each load's outcome as it settles: what arrived, or null when it failed. */
  readonly settled$: Observable<T | null> = this.settled.asObservable();

  constructor(options: ReloadableOptions<T>) {
    merge(this.reloads, ...(options.reloadOn ?? []))
      .pipe(
        map(() => undefined),
        startWith(undefined),
        tap(() => {
          this.loading.set(true);
          options.starting?.();
        }),
        switchMap(() =>
          options.load().pipe(
            map((value) => ({ value, error: null })),
            catchError((error: unknown) => of({ value: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ value, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (error === null) {
          options.loaded(value as T);
          this.loaded.set(true);
        }
        this.settled.next(error === null ? (value as T) : null);
      });
  }

  reload(): void {
    this.reloads.next();
  }
}

/** A {@link Reloadable} that starts loading now and stops when its injector (the providing page) is destroyed. */
export function injectReloadable<T>(options: ReloadableOptions<T>): Reloadable<T> {
  assertInInjectionContext(injectReloadable);
  return new Reloadable(options);
}
