import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, type AppRoute, type CallStats } from '@hh/contracts';
import { catchError, debounceTime, filter, map, merge, of, startWith, Subject, switchMap } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store.service';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { isFinalCallStatus } from '../../shared/format/call-status';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { localDateStamp } from '../../shared/http/save-file';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { RecentCallsComponent } from '../../shared/calls/recent-calls.component';
import { RecentCallsStore } from '../../shared/calls/recent-calls.store';
import { CallStatCardsComponent } from './call-stat-cards.component';
import { CallsPerDayChartComponent } from '../../shared/charts/calls-per-day-chart.component';

interface QuickAction {
  route: AppRoute;
  icon: string;
  description: string;
}

/** The period the dashboard sums up: the last 30 days, today included. */
export const STATS_PERIOD_DAYS = 30;
/** A burst of finished calls is summed up once, this long after the last of them. */
export const STATS_REFRESH_DEBOUNCE_MS = 1_000;

/** The period as local calendar days and as the instants that bound them (for the API). */
export function statsPeriod(now: Date = new Date()): { first: string; last: string; from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (STATS_PERIOD_DAYS - 1));
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999);
  return { first: localDateStamp(start), last: localDateStamp(end), from: start.toISOString(), to: end.toISOString() };
}

@Component({
  selector: 'hh-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CallStatCardsComponent,
    CallsPerDayChartComponent,
    DatePipe,
    FormErrorBannerComponent,
    MatButtonModule,
    MatIconModule,
    RecentCallsComponent,
    RouterLink,
  ],
  providers: [RecentCallsStore],
  templateUrl: './dashboard-page.component.html',
  styleUrl: './dashboard-page.component.scss',
})
export class DashboardPageComponent {
  private readonly api = inject(CallsApiService);
  private readonly reloadStats$ = new Subject<void>();

  protected readonly user = inject(AuthStore).user;
  protected readonly recent = inject(RecentCallsStore);
  protected readonly firstName = computed(() => this.user()?.name.trim().split(/\s+/)[0] ?? '');
  protected readonly routes = APP_ROUTES;
  protected readonly quickActions: readonly QuickAction[] = [
    { route: APP_ROUTES.dialer, icon: 'dialpad', description: 'Place a call from your browser.' },
    { route: APP_ROUTES.requestNumber, icon: 'add-call', description: 'Get a local, toll-free or mobile number.' },
    { route: APP_ROUTES.apiKeys, icon: 'key', description: 'Drive the portal from your own systems.' },
  ];

  /** Suspended accounts see their notice only; everyone else sees their calls. */
  protected readonly showCalls = computed(() => this.user()?.status !== 'suspended');
  protected readonly period = signal(statsPeriod());
  protected readonly stats = signal<CallStats | null>(null);
  protected readonly statsLoading = signal(true);
  protected readonly statsError = signal<string | null>(null);

  constructor() {
    const events = inject(LiveEventsService);

    merge(
      events.callUpdates$.pipe(
        filter((call) => isFinalCallStatus(call.status)),
        debounceTime(STATS_REFRESH_DEBOUNCE_MS),
      ),
      events.reconnected$,
      this.reloadStats$,
    )
      .pipe(
        startWith(undefined),
        filter(() => this.showCalls()),
        switchMap(() => {
          // Recomputed on each load, so that a dashboard left open past midnight moves on to the new day.
          const period = statsPeriod();
          this.period.set(period);
          this.statsLoading.set(true);
          return this.api.stats({ from: period.from, to: period.to }).pipe(
            map((stats) => ({ stats, error: null })),
            catchError((error: unknown) => of({ stats: null, error: httpErrorMessage(error) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ stats, error }) => {
        this.statsLoading.set(false);
        this.statsError.set(error);
        if (stats) {
          this.stats.set(stats);
        }
      });
  }

  protected reloadStats(): void {
    this.reloadStats$.next();
  }
}
