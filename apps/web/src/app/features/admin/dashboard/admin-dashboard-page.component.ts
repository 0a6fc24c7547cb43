import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { type AdminActivityLog, APP_ROUTES, type SystemAnalytics } from '@hh/contracts';
import { catchError, debounceTime, map, merge, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { LiveEventsService } from '../../../core/live-events/live-events.service';
import { CallsPerDayChartComponent } from '../../../shared/charts/calls-per-day-chart.component';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { AdminApiService } from '../admin-api.service';
import { newestActivity } from './activity-summary';
import {
  ACTIVITY_FEED_SIZE,
  adminStatCards,
  DASHBOARD_DAYS,
  FIGURES_REFRESH_DEBOUNCE_MS,
} from './admin-dashboard-stats';
import { RecentActivityFeedComponent } from './recent-activity-feed.component';

/**
 * The admin console's front page: the stat cards, the call volume of the last 30 UTC days and the
 * recent activity. New activity joins the feed as it is pushed, and the figures follow once a burst of it settles;
 * a re-opened live connection (events may have been missed) reloads both.
 */
@Component({
  selector: 'hh-admin-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallsPerDayChartComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatIconModule,
    RecentActivityFeedComponent,
    RouterLink,
  ],
  templateUrl: './admin-dashboard-page.component.html',
  styleUrl: './admin-dashboard-page.component.scss',
})
export class AdminDashboardPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly reloadFigures$ = new Subject<void>();
  private readonly reloadActivity$ = new Subject<void>();

  protected readonly title = APP_ROUTES.admin.title;
  protected readonly activityRoute = APP_ROUTES.adminActivity;
  protected readonly days = DASHBOARD_DAYS;

  protected readonly analytics = signal<SystemAnalytics | null>(null);
  protected readonly figuresLoading = signal(true);
  protected readonly figuresError = signal<string | null>(null);
  protected readonly cards = computed(() => adminStatCards(this.analytics()));
  /** The chart's days are the API's: every UTC day of its default range, today last. */
  protected readonly volume = computed(() => {
    const daily = this.analytics()?.daily ?? [];
    return daily.length > 0 ? { daily, first: daily[0].date, last: daily[daily.length - 1].date } : null;
  });

  protected readonly activity = signal<AdminActivityLog[]>([]);
  protected readonly activityLoading = signal(true);
  protected readonly activityError = signal<string | null>(null);

  constructor() {
    const events = inject(LiveEventsService);

    merge(events.activity$.pipe(debounceTime(FIGURES_REFRESH_DEBOUNCE_MS)), events.reconnected$, this.reloadFigures$)
      .pipe(
        startWith(undefined),
        tap(() => this.figuresLoading.set(true)),
        switchMap(() =>
          this.api.analytics().pipe(
            map((analytics) => ({ analytics, error: null })),
            catchError((error: unknown) => of({ analytics: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ analytics, error }) => {
        this.figuresLoading.set(false);
        this.figuresError.set(error);
        if (analytics) {
          this.analytics.set(analytics);
        }
      });

    merge(events.reconnected$, this.reloadActivity$)
      .pipe(
        startWith(undefined),
        tap(() => {
          this.activityLoading.set(true);
          this.activityError.set(null);
        }),
        switchMap(() =>
          this.api.listActivity({ page: 1, pageSize: ACTIVITY_FEED_SIZE }).pipe(
            map((page) => ({ entries: page.data, error: null })),
            catchError((error: unknown) => of({ entries: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ entries, error }) => {
        this.activityLoading.set(false);
        this.activityError.set(error);
        if (entries) {
          // Entries pushed while the list was loading are kept: they may be newer than what it returned.
          this.activity.update((live) => newestActivity(live, entries, ACTIVITY_FEED_SIZE));
        }
      });

    events.activity$
      .pipe(takeUntilDestroyed())
      .subscribe((entry) => this.activity.update((shown) => newestActivity(shown, [entry], ACTIVITY_FEED_SIZE)));
  }

  protected reloadFigures(): void {
    this.reloadFigures$.next();
  }

  protected reloadActivity(): void {
    this.reloadActivity$.next();
  }
}
