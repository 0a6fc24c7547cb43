import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ACTIVITY_ACTIONS, type AdminActivityLog, APP_ROUTES } from '@hh/contracts';
import { LiveEventsService } from '../../../core/live-events/live-events.service';
import { injectServerList } from '../../../shared/http/server-list';
import { ListStatusComponent } from '../../../shared/ui/list-status.component';
import { AdminApiService } from '../admin-api.service';
import {
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

/**
 * The audit trail: filtered and paged by the server with the state in the URL; new
 * entries arrive live on the first page when no filter is set.
 */
@Component({
  selector: 'hh-admin-activity-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminActivityTableComponent,
    ListStatusComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
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
              [value]="list.state().filters.userId ?? ''"
              (change)="list.changeFilters({ userId: userIdOf($any($event.target).value) })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Action</mat-label>
            <mat-select [value]="list.state().filters.action" (valueChange)="list.changeFilters({ action: $event })">
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
              [value]="list.state().filters.entityType ?? ''"
              (change)="list.changeFilters({ entityType: entityTypeOf($any($event.target).value) })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>From</mat-label>
            <input
              matInput
              type="date"
              [value]="list.state().filters.from ?? ''"
              [attr.max]="list.state().filters.to"
              (change)="list.changeFilters({ from: $any($event.target).value || null })"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>To</mat-label>
            <input
              matInput
              type="date"
              [value]="list.state().filters.to ?? ''"
              [attr.min]="list.state().filters.from"
              (change)="list.changeFilters({ to: $any($event.target).value || null })"
            />
          </mat-form-field>
          @if (list.filtered()) {
            <button mat-button type="button" (click)="list.clearFilters()">Clear filters</button>
          }
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="activity-heading" [attr.aria-busy]="list.loading()">
        <h2 id="activity-heading" class="visually-hidden">Activity log</h2>
        <hh-list-status
          [loading]="list.loading()"
          [error]="list.error()"
          loadingLabel="Loading activity"
          (retry)="list.reload()"
        />
        @if (list.empty()) {
          <div class="empty-state">
            <h3>{{ list.filtered() ? 'No activity matches these filters' : 'No activity yet' }}</h3>
          </div>
        } @else if (list.rows().length > 0) {
          <hh-admin-activity-table
            [entries]="list.rows()"
            [page]="list.state().page"
            [pageSize]="list.state().pageSize"
            [total]="list.total()"
            [loading]="list.loading()"
            (pageChange)="list.changePage($event)"
          />
        }
      </section>
    </div>
  `,
  styles: ADMIN_LIST_PAGE_STYLES,
})
export class AdminActivityPageComponent {
  private readonly api = inject(AdminApiService);

  protected readonly title = APP_ROUTES.adminActivity.title;
  protected readonly actions = ACTIVITY_ACTIONS;
  protected readonly userIdOf = userIdOf;
  protected readonly entityTypeOf = entityTypeOf;
  protected readonly list = injectServerList({
    fromParams: activityStateFromParams,
    toParams: activityStateToParams,
    fetch: (state) => this.api.listActivity(toActivityQuery(state)),
    noFilters: NO_ACTIVITY_FILTERS,
    hasFilters: hasActivityFilters,
  });

  constructor() {
    const events = inject(LiveEventsService);
    events.activity$.pipe(takeUntilDestroyed()).subscribe((entry) => this.applyLive(entry));
    events.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.list.reload());
  }

  /** A new entry joins the top of the first page of the unfiltered log, the only view where it surely belongs. */
  private applyLive(entry: AdminActivityLog): void {
    const state = this.list.state();
    if (this.list.loading() || state.page !== 1 || this.list.filtered()) {
      return;
    }
    const before = this.list.rows();
    if (before.some((row) => row.id === entry.id)) {
      return;
    }
    this.list.rows.set([entry, ...before].slice(0, state.pageSize));
    this.list.countInserted();
  }
}
