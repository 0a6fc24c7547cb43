import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import type { DailyCallFigures } from '@hh/contracts';
import { dayKey, dayLabel, daysText, fromDayKey } from './chart-days';
import { CHART_COLORS, CHART_LEGEND, CHART_TICKS, CHART_TOOLTIP } from './chart-theme';

export interface DayBar {
  date: string;
  label: string;
  successful: number;
  failed: number;
  other: number;
}

/**
 * One bar per day from `first` to `last` (YYYY-MM-DD), days without calls included, split into successful, failed
 * and other (canceled, still live). Days the API reports outside the range (the client dashboard shows local days,
 * the API counts UTC days) are kept too, so that no call goes missing from the chart.
 */
export function dailyBars(daily: readonly DailyCallFigures[], first: string, last: string): DayBar[] {
  const byDate = new Map(daily.map((day) => [day.date, day]));
  const keys = new Set(byDate.keys());
  for (let day = fromDayKey(first); dayKey(day) <= last; day.setDate(day.getDate() + 1)) {
    keys.add(dayKey(day));
  }
  return [...keys].sort().map((date) => {
    const day = byDate.get(date);
    const successful = day?.successful ?? 0;
    const failed = day?.failed ?? 0;
    return {
      date,
      label: dayLabel(date),
      successful,
      failed,
      other: Math.max(0, (day?.calls ?? 0) - successful - failed),
    };
  });
}

/**
 * Calls per day as stacked bars by outcome (ng2-charts), on the client dashboard and in the admin console. Chart.js
 * is registered here, with only the pieces a bar chart needs, so it loads with the lazy chunks of the pages that show
 * it and never with the app's first bytes. The canvas is an image with a summary for screen readers, and a hidden
 * table carries the figures.
 */
@Component({
  selector: 'hh-calls-per-day-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective],
  providers: [
    provideCharts({ registerables: [BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip] }),
  ],
  template: `
    <div class="chart-box">
      <canvas
        baseChart
        type="bar"
        role="img"
        [attr.aria-label]="summary()"
        [data]="data()"
        [options]="options"
      ></canvas>
    </div>
    <table class="visually-hidden">
      <caption>
        Calls per day (days with calls)
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Successful</th>
          <th scope="col">Failed</th>
          <th scope="col">Other</th>
        </tr>
      </thead>
      <tbody>
        @for (bar of busyDays(); track bar.date) {
          <tr>
            <th scope="row">{{ bar.label }}</th>
            <td>{{ bar.successful }}</td>
            <td>{{ bar.failed }}</td>
            <td>{{ bar.other }}</td>
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
      height: 16rem;
    }
  `,
})
export class CallsPerDayChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();
  /** First and last day shown (YYYY-MM-DD: local days on the client dashboard, UTC days in the admin console). */
  readonly first = input.required<string>();
  readonly last = input.required<string>();

  protected readonly bars = computed(() => dailyBars(this.daily(), this.first(), this.last()));
  protected readonly busyDays = computed(() =>
    this.bars().filter((bar) => bar.successful + bar.failed + bar.other > 0),
  );

  protected readonly summary = computed(() => {
    const bars = this.bars();
    const total = (key: 'successful' | 'failed' | 'other') => bars.reduce((sum, bar) => sum + bar[key], 0);
    const calls = total('successful') + total('failed') + total('other');
    return `Calls per day over ${daysText(bars.length)}: ${calls} calls, ${total('successful')} successful, ${total('failed')} failed, ${total('other')} other.`;
  });

  protected readonly data = computed<ChartConfiguration<'bar'>['data']>(() => {
    const bars = this.bars();
    const dataset = (label: string, key: 'successful' | 'failed' | 'other', color: string) => ({
      label,
      data: bars.map((bar) => bar[key]),
      backgroundColor: color,
      borderRadius: 3,
      maxBarThickness: 28,
      stack: 'calls',
    });
    return {
      labels: bars.map((bar) => bar.label),
      datasets: [
        dataset('Successful', 'successful', CHART_COLORS.successful),
        dataset('Failed', 'failed', CHART_COLORS.failed),
        dataset('Other', 'other', CHART_COLORS.other),
      ],
    };
  });

  protected readonly options: ChartConfiguration<'bar'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: {
        stacked: true,
        grid: { display: false },
        ticks: { ...CHART_TICKS, maxRotation: 0, autoSkipPadding: 12 },
      },
      y: {
        stacked: true,
        beginAtZero: true,
        ticks: { ...CHART_TICKS, precision: 0 },
        grid: { color: CHART_COLORS.grid },
      },
    },
    plugins: {
      tooltip: CHART_TOOLTIP,
      legend: CHART_LEGEND,
    },
  };
}
