import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { APP_ROUTES, type Call, type CallSort, type PageMeta } from '@hh/contracts';
import { catchError, distinctUntilChanged, map, merge, of, Subject, switchMap, tap } from 'rxjs';
import { CallEventsService } from '../../core/realtime/call-events.service';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { localDateStamp, saveFile } from '../../shared/http/save-file';
import { CallDetailDialogComponent, type CallDetailData } from './call-detail-dialog.component';
import { CallFiltersComponent } from './call-filters.component';
import {
  hasFilters,
  type HistoryFilters,
  type HistoryState,
  historyStateFromParams,
  historyStateToParams,
  matchesFilters,
  NO_FILTERS,
  toApiFilters,
  toListQuery,
} from './call-history-query';
import { mergeCallUpdate } from './call-list-updates';
import { CallTableComponent } from './call-table.component';
import { CallsApiService } from './calls-api.service';
import { DEFAULT_CALL_SORT } from './calls.models';

const sameState = (a: HistoryState, b: HistoryState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every call I placed (product plan "CallHistory"): filtered, sorted and paged by the server, with the state in the
 * URL, rows kept current from the live stream, details with notes, and a CSV export of what the filters select.
 */
@Component({
  selector: 'hh-call-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallFiltersComponent,
    CallTableComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    RouterLink,
  ],
  templateUrl: './call-history-page.component.html',
  styleUrl: './call-history-page.component.scss',
})
export class CallHistoryPageComponent {
  private readonly api = inject(CallsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);
  private readonly reload$ = new Subject<void>();

  protected readonly title = APP_ROUTES.calls.title;
  protected readonly dialerRoute = APP_ROUTES.dialer;

  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(historyStateFromParams)), {
    requireSync: true,
  });
  protected readonly calls = signal<Call[]>([]);
  protected readonly meta = signal<PageMeta | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly exporting = signal(false);
  protected readonly filtered = computed(() => hasFilters(this.state().filters));
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.calls().length === 0);

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(historyStateFromParams), distinctUntilChanged(sameState)),
      this.reload$.pipe(map(() => this.state())),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((state) =>
          this.api.list(toListQuery(state)).pipe(
            map((page) => ({ state, page, error: null })),
            catchError((error: unknown) => of({ state, page: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ state, page, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (!page) {
          return;
        }
        if (page.data.length === 0 && state.page > 1 && page.meta.total > 0) {
          // Past the last page (an old link, or rows gone since): show the last page instead.
          this.navigate({ ...state, page: page.meta.totalPages }, true);
          return;
        }
        this.calls.set(page.data);
        this.meta.set(page.meta);
      });

    const events = inject(CallEventsService);
    events.callUpdates$.pipe(takeUntilDestroyed()).subscribe((call) => this.applyLive(call));
    events.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.reload());
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected changeFilters(change: Partial<HistoryFilters>): void {
    const state = this.state();
    // A new search replaces the URL rather than adding a history entry for every pause in typing.
    const typing = Object.keys(change).length === 1 && 'q' in change;
    this.navigate({ ...state, page: 1, filters: { ...state.filters, ...change } }, typing);
  }

  protected clearFilters(): void {
    this.navigate({ ...this.state(), page: 1, filters: NO_FILTERS });
  }

  protected changeSort(sort: CallSort): void {
    this.navigate({ ...this.state(), page: 1, sort });
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
  }

  protected openDetails(call: Call): void {
    const dialogRef = this.dialog.open<CallDetailDialogComponent, CallDetailData>(CallDetailDialogComponent, {
      data: { call },
      width: '36rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-heading',
    });
    dialogRef.componentInstance.updated.subscribe((updated) => this.applyLive(updated));
  }

  protected exportCsv(): void {
    const state = this.state();
    this.exporting.set(true);
    this.api
      .exportCsv({ ...toApiFilters(state.filters), sort: state.sort })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (csv) => {
          this.exporting.set(false);
          saveFile(csv, `calls-${localDateStamp()}.csv`);
        },
        error: (error: unknown) => {
          this.exporting.set(false);
          this.snackBar.open(`The export failed. ${httpErrorMessage(error)}`, 'Dismiss', { duration: 6000 });
        },
      });
  }

  /**
   * A call changed (or was placed, perhaps in another tab): its row is updated in place. A new call joins the list
   * only where it would appear after a reload: on the first page of the default order, when it passes the filters.
   */
  private applyLive(call: Call): void {
    const state = this.state();
    const before = this.calls();
    const known = before.some((row) => row.id === call.id);
    const insertNew =
      !this.loading() && state.page === 1 && state.sort === DEFAULT_CALL_SORT && matchesFilters(call, state.filters);
    const next = mergeCallUpdate(before, call, { insertNew, limit: state.pageSize });
    if (next === before) {
      return;
    }
    this.calls.set(next);
    if (!known) {
      this.meta.update((meta) =>
        meta ? { ...meta, total: meta.total + 1, totalPages: Math.ceil((meta.total + 1) / meta.pageSize) } : meta,
      );
    }
  }

  private navigate(state: HistoryState, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: historyStateToParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
