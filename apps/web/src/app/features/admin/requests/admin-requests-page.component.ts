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
import { ListStatusComponent } from '../../../shared/ui/list-status.component';
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
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

/** Live events come in bursts (an approval writes the request and the number): one re-fetch per burst. */
export const LIVE_REFRESH_MS = 500;

/**
 * The number request queue: pending first, approve with the suggested or a chosen number, deny
 * with a reason, fulfil the approved ones that wait for a number; kept current from the live stream.
 */
@Component({
  selector: 'hh-admin-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminRequestsTableComponent, ListStatusComponent, MatFormFieldModule, MatSelectModule],
  template: `
    <div class="page">
      <header class="page-intro">
        <h1>{{ title }}</h1>
        <p class="muted">
          Pending requests come first. Approve with the suggested number or another, or deny with a reason.
        </p>
      </header>

      <section class="glass-card filters-card" aria-label="Filters">
        <div class="filters" role="search" aria-label="Filter number requests">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [value]="list.state().filters.status" (valueChange)="list.changeFilters({ status: $event })">
              <mat-option [value]="null">All statuses</mat-option>
              @for (status of statuses; track status.value) {
                <mat-option [value]="status.value">{{ status.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="requests-heading" [attr.aria-busy]="list.loading()">
        <h2 id="requests-heading" class="visually-hidden">Number requests</h2>
        <hh-list-status
          [loading]="list.loading()"
          [error]="list.error()"
          loadingLabel="Loading number requests"
          (retry)="list.reload()"
        />
        @if (list.empty()) {
          <div class="empty-state">
            <h3>{{ list.filtered() ? 'No ' + statusLabel() + ' requests' : 'No number requests yet' }}</h3>
          </div>
        } @else if (list.rows().length > 0) {
          <hh-admin-requests-table
            [requests]="list.rows()"
            [page]="list.state().page"
            [pageSize]="list.state().pageSize"
            [total]="list.total()"
            [loading]="list.loading()"
            (pageChange)="list.changePage($event)"
            (decided)="decide($event)"
          />
        }
      </section>
    </div>
  `,
  styles: [
    ADMIN_LIST_PAGE_STYLES,
    `
      .filters {
        grid-template-columns: repeat(auto-fit, minmax(11rem, 16rem));
      }
    `,
  ],
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
