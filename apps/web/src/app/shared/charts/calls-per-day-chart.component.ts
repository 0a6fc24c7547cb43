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
import { ChartFigureComponent, type ChartTableRow } from './chart-figure.component';
import { dayChartOptions, valueAxis } from './chart-options';
import { CHART_COLORS } from './chart-theme';

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
 * it and never with the app's first bytes. The canvas is an image with a summary for screen readers, and the figure's
 * hidden table carries the figures of the days with calls.
 */
@Component({
  selector: 'hh-calls-per-day-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, ChartFigureComponent],
  providers: [
    provideCharts({ registerables: [BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip] }),
  ],
  template: `
    <hh-chart-figure caption="Calls per day (days with calls)" [columns]="columns" [rows]="rows()">
      <canvas
        baseChart
        type="bar"
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
export class CallsPerDayChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();
  /** First and last day shown (YYYY-MM-DD: local days on the client dashboard, UTC days in the admin console). */
  readonly first = input.required<string>();
  readonly last = input.required<string>();

  protected readonly bars = computed(() => dailyBars(this.daily(), this.first(), this.last()));

  protected readonly columns = ['Day', 'Successful', 'Failed', 'Other'];
  protected readonly rows = computed<ChartTableRow[]>(() =>
    this.bars()
      .filter((bar) => bar.successful + bar.failed + bar.other > 0)
      .map((bar) => ({ key: bar.date, label: bar.label, cells: [bar.successful, bar.failed, bar.other] })),
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

  protected readonly options = dayChartOptions<'bar'>({
    x: { stacked: true },
    y: valueAxis({ stacked: true, ticks: { precision: 0 } }),
  });
}
