import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { NumberRequest, NumberRequestStatus } from '@hh/contracts';
import { catchError, finalize, type Observable, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { injectReloadable } from '../../shared/http/reloadable';
import { NumbersApiService } from '../../shared/numbers/numbers-api.service';
import { NumberRequestsApiService } from './number-requests-api.service';

export const REQUESTS_PAGE_SIZE = 25;

/** How far a request has got; an update that would move one backwards is stale (it crossed a fresher answer). */
const PROGRESS: Readonly<Record<NumberRequestStatus, number>> = { pending: 0, approved: 1, denied: 2, fulfilled: 2 };

/**
 * My number requests, newest first, kept current: each `number-request.updated` event updates its row in place
 * and is announced on `processed$` when it changes the status; the list is loaded again when the stream
 * reconnects. Also knows my numbers, to show the one assigned to a fulfilled request. Provided by its page.
 */
@Injectable()
export class MyRequestsStore {
  private readonly api = inject(NumberRequestsApiService);
  private readonly numbersApi = inject(NumbersApiService);
  private readonly events = inject(LiveEventsService);
  private readonly reloadNumbers$ = new Subject<void>();
  private readonly processed = new Subject<NumberRequest>();
  /** Live updates that arrive while the list is loading, applied to its result so that none is lost. */
  private updatesDuringLoad: NumberRequest[] = [];
  private page = 1;

  private readonly state = signal<NumberRequest[]>([]);
  readonly total = signal(0);
  private readonly loader = injectReloadable({
    load: () => this.api.list({ page: 1, pageSize: REQUESTS_PAGE_SIZE }),
    starting: () => (this.updatesDuringLoad = []),
    loaded: (page) => {
      this.page = 1;
      this.total.set(page.meta.total);
      this.state.set(this.updatesDuringLoad.reduce((list, update) => merge(list, update), page.data));
      this.updatesDuringLoad = [];
    },
    reloadOn: [this.events.reconnected$],
  });
  readonly requests = this.state.asReadonly();
  readonly loading = this.loader.loading;
  readonly loaded = this.loader.loaded;
  readonly loadingMore = signal(false);
  readonly error = this.loader.error;
  /** My numbers by id, in E.164: a fulfilled request names its number only by id. */
  readonly assignedNumbers = signal<ReadonlyMap<number, string>>(new Map());
  /** Requests whose cancellation is in flight. */
  readonly cancelling = signal<ReadonlySet<number>>(new Set());
  /** A request that an administrator just approved, denied or fulfilled (from the live stream). */
  readonly processed$: Observable<NumberRequest> = this.processed.asObservable();

  constructor() {
    const destroyRef = inject(DestroyRef);

    this.reloadNumbers$
      .pipe(
        startWith(undefined),
        switchMap(() => this.numbersApi.myNumbers().pipe(catchError(() => of(null)))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((numbers) => {
        if (numbers) {
          this.assignedNumbers.set(new Map(numbers.map((number) => [number.id, number.phoneNumber])));
        }
      });

    this.events.requestUpdates$.pipe(takeUntilDestroyed(destroyRef)).subscribe((update) => this.apply(update));
    this.events.reconnected$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.reloadNumbers$.next());
  }

  reload(): void {
    this.loader.reload();
  }

  /** The next page of older requests, below those shown. */
  loadMore(): void {
    if (this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.api.list({ page: this.page + 1, pageSize: REQUESTS_PAGE_SIZE }).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.page = page.meta.page;
        this.total.set(page.meta.total);
        this.state.update((list) => [
          ...list,
          ...page.data.filter((request) => !list.some((shown) => shown.id === request.id)),
        ]);
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }

  /** A request I just made: the newest, so on top. */
  add(request: NumberRequest): void {
    this.state.update((list) => [request, ...list.filter((shown) => shown.id !== request.id)]);
    this.total.update((total) => total + 1);
  }

  /** Applies a change pushed by the server to the row it concerns, and announces a new status. */
  apply(update: NumberRequest): void {
    if (this.loading()) {
      this.updatesDuringLoad.push(update);
    }
    const shown = this.state().find((request) => request.id === update.id);
    if (shown && PROGRESS[update.status] < PROGRESS[shown.status]) {
      return;
    }
    this.state.update((list) => merge(list, update));
    if (update.status !== 'pending' && shown?.status !== update.status) {
      this.processed.next(update);
    }
    if (update.assignedNumberId !== null && !this.assignedNumbers().has(update.assignedNumberId)) {
      this.reloadNumbers$.next();
    }
  }

  /** Cancels a pending request; the row goes once the API confirms. Errors are the caller's to explain. */
  cancel(request: NumberRequest): Observable<void> {
    this.cancelling.update((ids) => new Set(ids).add(request.id));
    const settled = () =>
      this.cancelling.update((ids) => {
        const rest = new Set(ids);
        rest.delete(request.id);
        return rest;
      });
    return this.api.cancel(request.id).pipe(
      tap(() => this.remove(request.id)),
      finalize(settled),
    );
  }

  /** Drops a row the server no longer has (cancelled here or elsewhere). */
  remove(id: number): void {
    const before = this.state().length;
    this.state.update((list) => list.filter((request) => request.id !== id));
    if (this.state().length < before) {
      this.total.update((total) => Math.max(0, total - 1));
    }
  }
}

/** Updates a request's row in place; a request that is not shown (on a later page, say) is left alone. */
function merge(list: NumberRequest[], update: NumberRequest): NumberRequest[] {
  return list.map((request) =>
    request.id === update.id && PROGRESS[update.status] >= PROGRESS[request.status]
      ? { ...request, ...update }
      : request,
  );
}
