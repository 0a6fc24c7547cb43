import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { APP_ROUTES, type SystemAnalytics } from '@hh/contracts';
import { catchError, distinctUntilChanged, map, merge, of, Subject, switchMap, tap } from 'rxjs';
import { CallsPerDayChartComponent } from '../../../shared/charts/calls-per-day-chart.component';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { formatDuration } from '../../../shared/format/duration';
import { formatCost, formatPercent } from '../../../shared/format/money';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { saveFile } from '../../../shared/http/save-file';
import { AdminApiService } from '../admin-api.service';
import { numberSlices, statusSlices, successRate } from './analytics-figures';
import { AnalyticsRangePickerComponent } from './analytics-range-picker.component';
import {
  exportFileName,
  type RangeChoice,
  rangeChoiceFromParams,
  rangeChoiceToParams,
  rangeLabel,
  type ResolvedRange,
  resolveRange,
  sameChoice,
  toAnalyticsQuery,
  utcDay,
} from './analytics-range';
import { BreakdownChartComponent } from './breakdown-chart.component';
import { SuccessRateChartComponent } from './success-rate-chart.component';
import { TalkCostChartComponent } from './talk-cost-chart.component';
import { TopUsersTableComponent } from './top-users-table.component';

/** Figures and the range they were counted for, which may lag the URL while the next range loads. */
interface Shown {
  range: ResolvedRange;
  analytics: SystemAnalytics;
}

interface Headline {
  key: string;
  label: string;
  value: string;
}

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * System analytics: call figures of a range of UTC days (a preset or custom, kept in
 * the URL so that reload and back work) as charts, each with a summary and its figures for screen readers; the busiest
 * users; the number inventory now; and the daily figures as CSV.
 */
@Component({
  selector: 'hh-admin-analytics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AnalyticsRangePickerComponent,
    BreakdownChartComponent,
    CallsPerDayChartComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    SuccessRateChartComponent,
    TalkCostChartComponent,
    TopUsersTableComponent,
  ],
  templateUrl: './admin-analytics-page.component.html',
  styleUrl: './admin-analytics-page.component.scss',
})
export class AdminAnalyticsPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);
  private readonly reload$ = new Subject<void>();

  protected readonly title = APP_ROUTES.adminAnalytics.title;
  protected readonly choice = toSignal(this.route.queryParamMap.pipe(map(rangeChoiceFromParams)), {
    requireSync: true,
  });
  /** The chosen range as of the last load (presets move on with the clock). */
  protected readonly range = signal<ResolvedRange>(resolveRange(this.choice()));
  protected readonly today = signal(utcDay(new Date()));
  protected readonly shown = signal<Shown | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly exporting = signal(false);

  protected readonly shownRange = computed(() => {
    const shown = this.shown();
    return shown ? rangeLabel(shown.range) : '';
  });
  protected readonly empty = computed(() => this.shown()?.analytics.totals.calls === 0);
  protected readonly headlines = computed<Headline[]>(() => {
    const totals = this.shown()?.analytics.totals;
    if (!totals) return [];
    return [
      { key: 'calls', label: 'Calls', value: numberFormat.format(totals.calls) },
      { key: 'success-rate', label: 'Success rate', value: formatPercent(successRate(totals)) },
      { key: 'talk-time', label: 'Talk time', value: formatDuration(totals.totalDurationSeconds) },
      { key: 'cost', label: 'Cost', value: formatCost(totals.totalCost, 2) },
    ];
  });
  protected readonly statusSlices = computed(() => statusSlices(this.shown()?.analytics.byStatus ?? {}));
  protected readonly numberSlices = computed(() => {
    const totals = this.shown()?.analytics.totals;
    return totals ? numberSlices(totals) : [];
  });

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(rangeChoiceFromParams), distinctUntilChanged(sameChoice)),
      this.reload$.pipe(map(() => this.choice())),
    )
      .pipe(
        map((choice) => {
          const now = new Date();
          this.today.set(utcDay(now));
          return resolveRange(choice, now);
        }),
        tap((range) => {
          this.range.set(range);
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((range) =>
          this.api.analytics(toAnalyticsQuery(range)).pipe(
            map((analytics) => ({ range, analytics, error: null })),
            catchError((error: unknown) => of({ range, analytics: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ range, analytics, error }) => {
        this.loading.set(false);
        this.error.set(error);
        // Figures of another range would mislead next to a problem with this one.
        this.shown.set(analytics ? { range, analytics } : null);
      });
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected choose(choice: RangeChoice): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: rangeChoiceToParams(choice),
      queryParamsHandling: 'merge',
    });
  }

  /** The daily figures of the range on screen, fetched with the session's token and saved as a file. */
  protected exportCsv(): void {
    const range = this.shown()?.range ?? this.range();
    this.exporting.set(true);
    this.api
      .exportAnalyticsCsv(toAnalyticsQuery(range))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (csv) => {
          this.exporting.set(false);
          saveFile(csv, exportFileName(range));
        },
        error: (error: unknown) => {
          this.exporting.set(false);
          this.snackBar.open(`The export failed. ${httpErrorMessage(error)}`, 'Dismiss', { duration: 6000 });
        },
      });
  }
}
