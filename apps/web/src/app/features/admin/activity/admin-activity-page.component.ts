import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ACTIVITY_ACTIONS, type AdminActivityLog, APP_ROUTES } from '@hh/contracts';
import { LiveEventsService } from '../../../core/live-events/live-events.service';
import { injectServerList } from '../../../shared/http/server-list';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../../shared/ui/list-results.component';
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

/**
 * The audit trail: filtered and paged by the server with the state in the URL; new
 * entries arrive live on the first page when no filter is set.
 */
@Component({
  selector: 'hh-admin-activity-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminActivityTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './admin-activity-page.component.html',
  styleUrl: '../admin-list-page.scss',
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
