import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type AdminNumberRequest, APP_ROUTES, NUMBER_REQUEST_STATUSES } from '@hh/contracts';
import { auditTime, filter, merge } from 'rxjs';
import { LiveEventsService } from '../../../core/live-events/live-events.service';
import { injectServerList } from '../../../shared/http/server-list';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../../shared/ui/list-results.component';
import { REQUEST_STATUS_LABELS } from '../../../shared/format/request-status';
import { AdminApiService } from '../admin-api.service';
import { ApproveRequestDialogComponent, type ApproveRequestData } from './approve-request-dialog.component';
import { DenyRequestDialogComponent } from './deny-request-dialog.component';
import {
  hasRequestFilters,
  NO_REQUEST_FILTERS,
  requestListStateFromParams,
  requestListStateToParams,
  toRequestListQuery,
} from './admin-requests-query';
import { AdminRequestsTableComponent, type RequestDecisionEvent } from './admin-requests-table.component';

/** Live events come in bursts (an approval writes the request and the number): one re-fetch per burst. */
export const LIVE_REFRESH_MS = 500;

/**
 * The number request queue: pending first, approve with the suggested or a chosen number, deny
 * with a reason, fulfil the approved ones that wait for a number; kept current from the live stream.
 */
@Component({
  selector: 'hh-admin-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminRequestsTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatFormFieldModule,
    MatSelectModule,
  ],
  templateUrl: './admin-requests-page.component.html',
  styleUrls: ['../admin-list-page.scss', './admin-requests-page.component.scss'],
})
export class AdminRequestsPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly title = APP_ROUTES.adminRequests.title;
  protected readonly statuses = NUMBER_REQUEST_STATUSES.map((value) => ({
    value,
    label: REQUEST_STATUS_LABELS[value],
  }));
  protected readonly list = injectServerList({
    fromParams: requestListStateFromParams,
    toParams: requestListStateToParams,
    fetch: (state) => this.api.listRequests(toRequestListQuery(state)),
    noFilters: NO_REQUEST_FILTERS,
    hasFilters: hasRequestFilters,
  });

  constructor() {
    // Someone else's request changed, or a new one arrived: the queue is read again (its order is the server's).
    const events = inject(LiveEventsService);
    merge(
      events.requestUpdates$,
      events.activity$.pipe(filter((entry) => entry.action.startsWith('request_'))),
      events.reconnected$,
    )
      .pipe(auditTime(LIVE_REFRESH_MS), takeUntilDestroyed())
      .subscribe(() => this.list.reload());
  }

  /** The status filter in lower case, for the empty state ("No denied requests"). */
  protected statusLabel(): string {
    const status = this.list.state().filters.status;
    return status ? REQUEST_STATUS_LABELS[status].toLowerCase() : '';
  }

  protected decide({ request, decision }: RequestDecisionEvent): void {
    const dialogRef =
      decision === 'deny'
        ? this.dialog.open<DenyRequestDialogComponent, AdminNumberRequest, AdminNumberRequest>(
            DenyRequestDialogComponent,
            { data: request, width: '32rem', maxWidth: 'calc(100vw - 2rem)' },
          )
        : this.dialog.open<ApproveRequestDialogComponent, ApproveRequestData, AdminNumberRequest>(
            ApproveRequestDialogComponent,
            {
              data: { request, mode: decision },
              width: '36rem',
              maxWidth: 'calc(100vw - 2rem)',
            },
          );
    dialogRef.afterClosed().subscribe((updated) => {
      if (!updated) {
        return;
      }
      this.list.rows.update((rows) => rows.map((row) => (row.id === updated.id ? updated : row)));
      this.snackBar.open(`Request #${updated.id} is ${updated.status}.`, 'Dismiss', { duration: 4000 });
    });
  }
}
