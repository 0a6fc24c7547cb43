import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import { ACTIVITY_ACTIONS, type ActivityLog, APP_ROUTES, type PageMeta } from '@hh/contracts';
import { catchError, distinctUntilChanged, map, merge, of, Subject, switchMap, tap } from 'rxjs';
import { CallEventsService } from '../../../core/realtime/call-events.service';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { AdminApiService } from '../admin-api.service';
import {
  type ActivityFilters,
  type ActivityListState,
  activityStateFromParams,
  activityStateToParams,
  entityTypeOf,
  hasActivityFilters,
  NO_ACTIVITY_FILTERS,
  toActivityQuery,
  userIdOf,
} from './admin-activity-query';
import { AdminActivityTableComponent } from './admin-activity-table.component';
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

/** Users are named from one page of users, the most the API gives at once; others show as "User #id". */
export const USER_LOOKUP_SIZE = 100;

const sameState = (a: ActivityListState, b: ActivityListState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The audit trail (product plan 4.2 "Activity"): filtered and paged by the server with the state in the URL; new
 * entries arrive live on the first page when no filter is set.
 */
@Component({
  selector: 'hh-admin-activity-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminActivityTableComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  template: `
    <div class="page">
      <header class="page-intro">
        <h1>{{ title }}</h1>
        <p class="muted">Every state-changing action, who did it and from where. New entries appear live on page 1.</p>
      </header>

      <section class="glass-card filters-card" aria-label="Filters">
        <div class="filters" role="search" aria-label="Filter activity">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>User id</mat-label>
            <input
              matInput
              type="number"
              min="1"
              [value]="state().filters.userId ?? ''"
              (change)="changeFilters({ userId: userIdOf($any($event.target).value) })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Action</mat-label>
            <mat-select [value]="state().filters.action" (valueChange)="changeFilters({ action: $event })">
              <mat-option [value]="null">All actions</mat-option>
              @for (action of actions; track action) {
                <mat-option [value]="action">{{ action }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Entity type</mat-label>
            <input
              matInput
              type="text"
              autocomplete="off"
              maxlength="50"
              [value]="state().filters.entityType ?? ''"
              (change)="changeFilters({ entityType: entityTypeOf($any($event.target).value) })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>From</mat-label>
            <input
              matInput
              type="date"
              [value]="state().filters.from ?? ''"
              [attr.max]="state().filters.to"
              (change)="changeFilters({ from: $any($event.target).value || null })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>To</mat-label>
            <input
              matInput
              type="date"
              [value]="state().filters.to ?? ''"
              [attr.min]="state().filters.from"
              (change)="changeFilters({ to: $any($event.target).value || null })"
            />
          </mat-form-field>
          @if (filtered()) {
            <button mat-button type="button" (click)="clearFilters()">Clear filters</button>
          }
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="activity-heading" [attr.aria-busy]="loading()">
        <h2 id="activity-heading" class="visually-hidden">Activity log</h2>
        <div class="progress">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading activity" />
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
            <h3>{{ filtered() ? 'No activity matches these filters' : 'No activity yet' }}</h3>
          </div>
        } @else if (entries().length > 0) {
          <hh-admin-activity-table
            [entries]="entries()"
            [userNames]="userNames()"
            [page]="state().page"
            [pageSize]="state().pageSize"
            [total]="meta()?.total ?? entries().length"
            [loading]="loading()"
            (pageChange)="changePage($event)"
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
    `,
  ],
})
export class AdminActivityPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reload$ = new Subject<void>();

  protected readonly title = APP_ROUTES.adminActivity.title;
  protected readonly actions = ACTIVITY_ACTIONS;
  protected readonly userIdOf = userIdOf;
  protected readonly entityTypeOf = entityTypeOf;
  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(activityStateFromParams)), {
    requireSync: true,
  });
  protected readonly entries = signal<ActivityLog[]>([]);
  protected readonly userNames = signal<ReadonlyMap<number, string>>(new Map());
  protected readonly meta = signal<PageMeta | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly filtered = computed(() => hasActivityFilters(this.state().filters));
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.entries().length === 0);

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(activityStateFromParams), distinctUntilChanged(sameState)),
      this.reload$.pipe(map(() => this.state())),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((state) =>
          this.api.listActivity(toActivityQuery(state)).pipe(
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
        this.entries.set(page.data);
        this.meta.set(page.meta);
      });

    const events = inject(CallEventsService);
    events.activity$.pipe(takeUntilDestroyed()).subscribe((entry) => this.applyLive(entry));
    events.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.reload());

    this.api
      .listUsers({ page: 1, pageSize: USER_LOOKUP_SIZE })
      .pipe(
        catchError(() => of(null)),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        if (page) this.userNames.set(new Map(page.data.map((user) => [user.id, user.name])));
      });
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected changeFilters(change: Partial<ActivityFilters>): void {
    const state = this.state();
    this.navigate({ ...state, page: 1, filters: { ...state.filters, ...change } });
  }

  protected clearFilters(): void {
    this.navigate({ ...this.state(), page: 1, filters: NO_ACTIVITY_FILTERS });
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
  }

  /** A new entry joins the top of the first page of the unfiltered log, the only view where it surely belongs. */
  private applyLive(entry: ActivityLog): void {
    const state = this.state();
    if (this.loading() || state.page !== 1 || hasActivityFilters(state.filters)) {
      return;
    }
    const before = this.entries();
    if (before.some((row) => row.id === entry.id)) {
      return;
    }
    this.entries.set([entry, ...before].slice(0, state.pageSize));
    this.meta.update((meta) =>
      meta ? { ...meta, total: meta.total + 1, totalPages: Math.ceil((meta.total + 1) / meta.pageSize) } : meta,
    );
  }

  private navigate(state: ActivityListState, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: activityStateToParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
