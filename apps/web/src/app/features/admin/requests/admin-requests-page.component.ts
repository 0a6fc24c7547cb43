import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, type ParamMap, type Params, Router } from '@angular/router';
import {
  type AdminNumberRequest,
  APP_ROUTES,
  NUMBER_REQUEST_STATUSES,
  type NumberRequestStatus,
  PAGE_SIZE_DEFAULT,
  type PageMeta,
} from '@hh/contracts';
import { auditTime, catchError, distinctUntilChanged, filter, map, merge, of, Subject, switchMap, tap } from 'rxjs';
import { CallEventsService } from '../../../core/realtime/call-events.service';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { REQUEST_STATUS_LABELS } from '../../request-number/request-status';
import { AdminApiService } from '../admin-api.service';
import { ApproveRequestDialogComponent, type ApproveRequestData } from './approve-request-dialog.component';
import { DenyRequestDialogComponent } from './deny-request-dialog.component';
import {
  AdminRequestsTableComponent,
  REQUEST_PAGE_SIZES,
  type RequestDecisionEvent,
} from './admin-requests-table.component';
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

export interface RequestListState {
  page: number;
  pageSize: number;
  status: NumberRequestStatus | null;
}

/** Live events come in bursts (an approval writes the request and the number): one re-fetch per burst. */
export const LIVE_REFRESH_MS = 500;

export function requestListStateFromParams(params: ParamMap): RequestListState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (REQUEST_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZE_DEFAULT,
    status: (NUMBER_REQUEST_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as NumberRequestStatus)
      : null,
  };
}

function requestListStateToParams(state: RequestListState): Params {
  return {
    page: state.page > 1 ? state.page : null,
    pageSize: state.pageSize !== PAGE_SIZE_DEFAULT ? state.pageSize : null,
    status: state.status,
  };
}

const sameState = (a: RequestListState, b: RequestListState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The number request queue (product plan 4.2): pending first, approve with the suggested or a chosen number, deny
 * with a reason, fulfil the approved ones that wait for a number; kept current from the live stream.
 */
@Component({
  selector: 'hh-admin-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminRequestsTableComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
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
            <mat-select [value]="state().status" (valueChange)="changeStatus($event)">
              <mat-option [value]="null">All statuses</mat-option>
              @for (status of statuses; track status.value) {
                <mat-option [value]="status.value">{{ status.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="requests-heading" [attr.aria-busy]="loading()">
        <h2 id="requests-heading" class="visually-hidden">Number requests</h2>
        <div class="progress">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading number requests" />
          }
        </div>
        @if (error(); as error) {
          <div class="problem">
            <hh-form-error-banner [message]="error" />
            <button mat-button type="button" (click)="reload()">Try again</button>
          </div>
        }
        @if (empty()) {
          <div class="empty-state">
            <h3>{{ state().status ? 'No ' + statusLabel(state().status) + ' requests' : 'No number requests yet' }}</h3>
          </div>
        } @else if (requests().length > 0) {
          <hh-admin-requests-table
            [requests]="requests()"
            [page]="state().page"
            [pageSize]="state().pageSize"
            [total]="meta()?.total ?? requests().length"
            [loading]="loading()"
            (pageChange)="changePage($event)"
            (decided)="decide($event)"
          />
        }
      </section>
    </div>
  `,
  styles: [
    ADMIN_LIST_PAGE_STYLES,
    `
      .page {
        display: grid;
        gap: 1.25rem;
      }
      .page-intro h1 {
        margin: 0 0 0.25rem;
        font: var(--mat-sys-headline-medium);
        font-weight: 600;
      }
      .page-intro p {
        margin: 0;
      }
      .filters {
        grid-template-columns: repeat(auto-fit, minmax(11rem, 16rem));
      }
    `,
  ],
})
export class AdminRequestsPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload$ = new Subject<void>();

  protected readonly title = APP_ROUTES.adminRequests.title;
  protected readonly statuses = NUMBER_REQUEST_STATUSES.map((value) => ({
    value,
    label: REQUEST_STATUS_LABELS[value],
  }));
  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(requestListStateFromParams)), {
    requireSync: true,
  });
  protected readonly requests = signal<AdminNumberRequest[]>([]);
  protected readonly meta = signal<PageMeta | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.requests().length === 0);

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(requestListStateFromParams), distinctUntilChanged(sameState)),
      this.reload$.pipe(map(() => this.state())),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((state) =>
          this.api
            .listRequests({
              page: state.page,
              pageSize: state.pageSize,
              ...(state.status ? { status: state.status } : {}),
            })
            .pipe(
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
          this.navigate({ ...state, page: page.meta.totalPages }, true);
          return;
        }
        this.requests.set(page.data);
        this.meta.set(page.meta);
      });

    // Someone else's request changed, or a new one arrived: the queue is read again (its order is the server's).
    const events = inject(CallEventsService);
    merge(
      events.requestUpdates$,
      events.activity$.pipe(filter((entry) => entry.action.startsWith('request_'))),
      events.reconnected$,
    )
      .pipe(auditTime(LIVE_REFRESH_MS), takeUntilDestroyed())
      .subscribe(() => this.reload());
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected statusLabel(status: NumberRequestStatus | null): string {
    return status ? REQUEST_STATUS_LABELS[status].toLowerCase() : '';
  }

  protected changeStatus(status: NumberRequestStatus | null): void {
    this.navigate({ ...this.state(), page: 1, status });
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
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
      this.requests.update((rows) => rows.map((row) => (row.id === updated.id ? updated : row)));
      this.snackBar.open(`Request #${updated.id} is ${updated.status}.`, 'Dismiss', { duration: 4000 });
    });
  }

  private navigate(state: RequestListState, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: requestListStateToParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
