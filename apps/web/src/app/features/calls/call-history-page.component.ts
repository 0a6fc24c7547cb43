import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type Call, type CallSort } from '@hh/contracts';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { localDateStamp, saveFile } from '../../shared/http/save-file';
import { injectServerList } from '../../shared/http/server-list';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../shared/ui/list-results.component';
import { CallDetailDialogComponent, type CallDetailData } from './call-detail-dialog.component';
import { CallFiltersComponent } from './call-filters.component';
import {
  hasFilters,
  historyStateFromParams,
  historyStateToParams,
  matchesFilters,
  NO_FILTERS,
  toApiFilters,
  toListQuery,
} from './call-history-query';
import { mergeCallUpdate } from '../../shared/calls/call-list-updates';
import { CallTableComponent } from './call-table.component';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { DEFAULT_CALL_SORT } from '../../shared/calls/calls.models';

/**
 * Every call I placed: filtered, sorted and paged by the server, with the state in the
 * URL, rows kept current from the live stream, details with notes, and a CSV export of what the filters select.
 */
@Component({
  selector: 'hh-call-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallFiltersComponent,
    CallTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RouterLink,
  ],
  templateUrl: './call-history-page.component.html',
  styleUrl: './call-history-page.component.scss',
})
export class CallHistoryPageComponent {
  private readonly api = inject(CallsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly title = APP_ROUTES.calls.title;
  protected readonly dialerRoute = APP_ROUTES.dialer;

  protected readonly list = injectServerList({
    fromParams: historyStateFromParams,
    toParams: historyStateToParams,
    fetch: (state) => this.api.list(toListQuery(state)),
    noFilters: NO_FILTERS,
    hasFilters,
  });
  protected readonly exporting = signal(false);

  constructor() {
    const events = inject(LiveEventsService);
    events.callUpdates$.pipe(takeUntilDestroyed()).subscribe((call) => this.applyLive(call));
    events.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.list.reload());
  }

  protected changeSort(sort: CallSort): void {
    this.list.navigate({ ...this.list.state(), page: 1, sort });
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
    const state = this.list.state();
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
    const state = this.list.state();
    const before = this.list.rows();
    const known = before.some((row) => row.id === call.id);
    const insertNew =
      !this.list.loading() &&
      state.page === 1 &&
      state.sort === DEFAULT_CALL_SORT &&
      matchesFilters(call, state.filters);
    const next = mergeCallUpdate(before, call, { insertNew, limit: state.pageSize });
    if (next === before) {
      return;
    }
    this.list.rows.set(next);
    if (!known) {
      this.list.countInserted();
    }
  }
}
