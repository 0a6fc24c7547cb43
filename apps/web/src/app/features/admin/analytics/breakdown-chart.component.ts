import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ArcElement, type ChartConfiguration, DoughnutController, Legend, Tooltip } from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import { ChartFigureComponent, type ChartTableRow } from '../../../shared/charts/chart-figure.component';
import { chartOptions } from '../../../shared/charts/chart-options';
import { CHART_COLORS } from '../../../shared/charts/chart-theme';
import { shareOf, type Slice, sliceSummary, sliceTotal } from './analytics-figures';

type DoughnutChart = ChartConfiguration<'doughnut', number[], string>;

/** A whole split into parts (calls by status, the number inventory) as a doughnut, with the parts as a hidden table. */
@Component({
  selector: 'hh-breakdown-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective, ChartFigureComponent],
  providers: [provideCharts({ registerables: [DoughnutController, ArcElement, Legend, Tooltip] })],
  template: `
    <hh-chart-figure height="15rem" [caption]="title()" [columns]="columns" [rows]="rows()">
      <canvas
        baseChart
        type="doughnut"
        role="img"
        [attr.aria-label]="summary()"
        [data]="data()"
        [options]="options"
      ></canvas>
      <p class="centre" aria-hidden="true">
        <span class="centre-value">{{ total() }}</span>
        <span class="centre-unit">{{ unit() }}</span>
      </p>
    </hh-chart-figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .centre {
      position: absolute;
      inset: 0 0 2.5rem;
      display: grid;
      place-content: center;
      margin: 0;
      text-align: center;
      pointer-events: none;
    }
    .centre-value {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
    }
    .centre-unit {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class BreakdownChartComponent {
  /** Names the whole, for the summary and the table's caption: "Calls by status". */
  readonly title = input.required<string>();
  /** What the total in the middle counts: "calls". */
  readonly unit = input.required<string>();
  readonly slices = input.required<readonly Slice[]>();

  protected readonly total = computed(() => sliceTotal(this.slices()));
  protected readonly summary = computed(() => sliceSummary(this.title(), this.slices()));

  protected readonly columns = ['Part', 'Count', 'Share'];
  protected readonly rows = computed<ChartTableRow[]>(() => {
    const slices = this.slices();
    return slices.map((slice) => ({
      key: slice.key,
      label: slice.label,
      cells: [slice.value, shareOf(slice, slices)],
    }));
  });

  protected readonly data = computed<DoughnutChart['data']>(() => {
    const slices = this.slices();
    return {
      labels: slices.map((slice) => slice.label),
      datasets: [
        {
          data: slices.map((slice) => slice.value),
          backgroundColor: slices.map((slice) => slice.color),
          borderColor: CHART_COLORS.surface,
          borderWidth: 2,
          hoverOffset: 4,
        },
      ],
    };
  });

  protected readonly options = chartOptions<'doughnut'>({ cutout: '68%' });
}
