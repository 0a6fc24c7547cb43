import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import type { DailyCallFigures } from '@hh/contracts';
import { ChartFigureComponent, type ChartTableRow } from '../../../shared/charts/chart-figure.component';
import { axisTitle, dayChartOptions, valueAxis } from '../../../shared/charts/chart-options';
import { CHART_COLORS } from '../../../shared/charts/chart-theme';
import { formatCost } from '../../../shared/format/money';
import { talkAndCostByDay, talkCostSummary } from './analytics-figures';

type TalkCostChart = ChartConfiguration<'bar' | 'line', number[], string>;

/** Cost axis labels: cents, and the fractions of a cent that small ranges step by ("$0.0125"). */
const costTick = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** Talk minutes per day as bars (left axis) and their cost as a line (right axis), with the figures as a hidden table. */
@Component({
  selector: 'hh-talk-cost-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, ChartFigureComponent],
  providers: [
    provideCharts({
      registerables: [
        BarController,
        BarElement,
        LineController,
        LineElement,
        PointElement,
        CategoryScale,
        LinearScale,
        Legend,
        Tooltip,
      ],
    }),
  ],
  template: `
    <hh-chart-figure
      caption="Talk minutes and cost per day (days with talk time or cost)"
      [columns]="columns"
      [rows]="rows()"
    >
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
export class TalkCostChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();

  protected readonly days = computed(() => talkAndCostByDay(this.daily()));
  protected readonly summary = computed(() => talkCostSummary(this.days()));

  protected readonly columns = ['Day', 'Talk minutes', 'Cost'];
  protected readonly rows = computed<ChartTableRow[]>(() =>
    this.days()
      .filter((day) => day.minutes > 0 || day.cost > 0)
      .map((day) => ({ key: day.date, label: day.label, cells: [day.minutes, formatCost(day.cost)] })),
  );

  protected readonly data = computed<TalkCostChart['data']>(() => {
    const days = this.days();
    return {
      labels: days.map((day) => day.label),
      datasets: [
        {
          type: 'bar',
          label: 'Talk minutes',
          data: days.map((day) => day.minutes),
          backgroundColor: CHART_COLORS.primary,
          borderRadius: 3,
          maxBarThickness: 28,
          yAxisID: 'minutes',
          order: 2,
        },
        {
          type: 'line',
          label: 'Cost (USD)',
          data: days.map((day) => day.cost),
          borderColor: CHART_COLORS.info,
          backgroundColor: CHART_COLORS.info,
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 8,
          tension: 0.25,
          yAxisID: 'cost',
          order: 1,
        },
      ],
    };
  });

  protected readonly options = dayChartOptions<'bar' | 'line'>(
    {
      minutes: valueAxis({ type: 'linear', position: 'left', title: axisTitle('Minutes') }),
      cost: valueAxis({
        type: 'linear',
        position: 'right',
        title: axisTitle('Cost'),
        ticks: { callback: (value) => costTick.format(Number(value)) },
        grid: { display: false },
      }),
    },
    {
      tooltipLabel: (item) =>
        item.dataset.yAxisID === 'cost' ? `Cost: ${formatCost(item.parsed.y ?? 0)}` : `Talk: ${item.parsed.y ?? 0} min`,
    },
  );
}
