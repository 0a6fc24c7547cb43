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
import { CHART_COLORS, CHART_LEGEND, CHART_TICKS, CHART_TOOLTIP } from '../../../shared/charts/chart-theme';
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
  imports: [BaseChartDirective],
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
        Talk minutes and cost per day (days with talk time or cost)
      </caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Talk minutes</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        @for (day of busyDays(); track day.date) {
          <tr>
            <th scope="row">{{ day.label }}</th>
            <td>{{ day.minutes }}</td>
            <td>{{ cost(day.cost) }}</td>
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
export class TalkCostChartComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();

  protected readonly days = computed(() => talkAndCostByDay(this.daily()));
  protected readonly busyDays = computed(() => this.days().filter((day) => day.minutes > 0 || day.cost > 0));
  protected readonly summary = computed(() => talkCostSummary(this.days()));
  protected readonly cost = (amount: number) => formatCost(amount);

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

  protected readonly options: TalkCostChart['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: {
        grid: { display: false },
        ticks: { ...CHART_TICKS, maxRotation: 0, autoSkipPadding: 12 },
      },
      minutes: {
        type: 'linear',
        position: 'left',
        beginAtZero: true,
        title: { display: true, text: 'Minutes', color: CHART_COLORS.text },
        ticks: CHART_TICKS,
        grid: { color: CHART_COLORS.grid },
      },
      cost: {
        type: 'linear',
        position: 'right',
        beginAtZero: true,
        title: { display: true, text: 'Cost', color: CHART_COLORS.text },
        ticks: { ...CHART_TICKS, callback: (value) => costTick.format(Number(value)) },
        grid: { display: false },
      },
    },
    plugins: {
      tooltip: {
        ...CHART_TOOLTIP,
        callbacks: {
          label: (item) =>
            item.dataset.yAxisID === 'cost'
              ? `Cost: ${formatCost(item.parsed.y ?? 0)}`
              : `Talk: ${item.parsed.y ?? 0} min`,
        },
      },
      legend: CHART_LEGEND,
    },
  };
}
