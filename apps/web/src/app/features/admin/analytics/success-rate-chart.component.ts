import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  CategoryScale,
  type ChartConfiguration,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import type { DailyCallFigures } from '@hh/contracts';
import { ChartFigureComponent, type ChartTableRow } from '../../../shared/charts/chart-figure.component';
import { dayChartOptions, valueAxis } from '../../../shared/charts/chart-options';
import { CHART_COLORS } from '../../../shared/charts/chart-theme';
import { formatPercent } from '../../../shared/format/money';
import { successRateByDay, successRateSummary } from './analytics-figures';

type RateChart = ChartConfiguration<'line', (number | null)[], string>;

/**
 * The success rate per day as a line from 0 to 100 %. Days without an answered or failed call have no rate: they
 * are gaps, not zeros, so a quiet day does not read as a bad one.
 */
@Component({
  selector: 'hh-success-rate-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, ChartFigureComponent],
  providers: [
    provideCharts({
      registerables: [LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip],
    }),
  ],
  template: `
    <hh-chart-figure
      caption="Success rate per day (days with answered or failed calls)"
      height="15rem"
      [columns]="columns"
      [rows]="rows()"
    >
      <canvas
        baseChart
        type="line"
        role="img"
        [attr.aria-label]="summary()"
        [data]="data()"
        [options]="options"
      ></canvas>
    </hh-chart-figure>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class SuccessRateChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();

  protected readonly days = computed(() => successRateByDay(this.daily()));
  protected readonly summary = computed(() => successRateSummary(this.days()));

  protected readonly columns = ['Day', 'Success rate', 'Answered', 'Answered or failed'];
  protected readonly rows = computed<ChartTableRow[]>(() =>
    this.days()
      .filter((day) => day.rate !== null)
      .map((day) => ({
        key: day.date,
        label: day.label,
        cells: [formatPercent(day.rate ?? 0), day.successful, day.decided],
      })),
  );

  protected readonly data = computed<RateChart['data']>(() => {
    const days = this.days();
    return {
      labels: days.map((day) => day.label),
      datasets: [
        {
          label: 'Success rate',
          data: days.map((day) => (day.rate === null ? null : Math.round(day.rate * 1000) / 10)),
          borderColor: CHART_COLORS.successful,
          backgroundColor: 'rgb(34 197 94 / 0.12)',
          fill: 'origin',
          borderWidth: 2,
          pointRadius: days.length > 45 ? 0 : 3,
          pointHitRadius: 8,
          spanGaps: false,
          tension: 0.25,
        },
      ],
    };
  });

  protected readonly options = dayChartOptions<'line'>(
    { y: valueAxis({ min: 0, max: 100, ticks: { stepSize: 25, callback: (value) => `${value}%` } }) },
    { legend: false, tooltipLabel: (item) => `Success rate: ${item.parsed.y ?? 0}%` },
  );
}
