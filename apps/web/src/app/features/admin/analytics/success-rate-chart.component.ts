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
import { CHART_COLORS, CHART_TICKS, CHART_TOOLTIP } from '../../../shared/charts/chart-theme';
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
  imports: [BaseChartDirective],
  providers: [
    provideCharts({
      registerables: [LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip],
    }),
  ],
  template: `
    <div class="chart-box">
      <canvas
        baseChart
        type="line"
        role="img"
        [attr.aria-label]="summary()"
        [data]="data()"
        [options]="options"
      ></canvas>
    </div>
    <table class="visually-hidden">
      <caption>
        Success rate per day (days with answered or failed calls)
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Success rate</th>
          <th scope="col">Answered</th>
          <th scope="col">Answered or failed</th>
        </tr>
      </thead>
      <tbody>
        @for (day of measuredDays(); track day.date) {
          <tr>
            <th scope="row">{{ day.label }}</th>
            <td>{{ percent(day.rate ?? 0) }}</td>
            <td>{{ day.successful }}</td>
            <td>{{ day.decided }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart-box {
      position: relative;
      height: 15rem;
    }
  `,
})
export class SuccessRateChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();

  protected readonly days = computed(() => successRateByDay(this.daily()));
  protected readonly measuredDays = computed(() => this.days().filter((day) => day.rate !== null));
  protected readonly summary = computed(() => successRateSummary(this.days()));
  protected readonly percent = formatPercent;

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

  protected readonly options: RateChart['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: {
        grid: { display: false },
        ticks: { ...CHART_TICKS, maxRotation: 0, autoSkipPadding: 12 },
      },
      y: {
        min: 0,
        max: 100,
        ticks: { ...CHART_TICKS, stepSize: 25, callback: (value) => `${value}%` },
        grid: { color: CHART_COLORS.grid },
      },
    },
    plugins: {
      tooltip: { ...CHART_TOOLTIP, callbacks: { label: (item) => `Success rate: ${item.parsed.y ?? 0}%` } },
      legend: { display: false },
    },
  };
}
