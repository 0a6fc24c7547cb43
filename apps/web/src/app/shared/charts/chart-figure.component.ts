import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One row of a chart's table: what the row is about (a day, a part) and its figures, column by column. */
export interface ChartTableRow {
  /** Tells the rows apart across updates: a day's date, a part's key. */
  key: string;
  /** The row's header cell: "Nov 2", "Completed". */
  label: string;
  /** The other cells, in the order of the columns after the first, formatted where a bare number would mislead. */
  cells: readonly (string | number)[];
}

/**
 * The frame every chart shares: a box of a fixed height that the chart's canvas fills (chart.js sizes itself to its
 * parent), and the chart's figures as a visually hidden table, the text alternative screen readers can walk through.
 * The chart projects its own `<canvas baseChart role="img">` with its summary as the label, and anything drawn over
 * the canvas (a doughnut's total), so this component knows nothing of chart.js and loads none of it.
 */
@Component({
  selector: 'hh-chart-figure',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart-box" [style.height]="height()">
      <ng-content />
    </div>
    <table class="visually-hidden">
      <caption>
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          @for (column of columns(); track $index) {
            <th scope="col">{{ column }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.key) {
          <tr>
            <th scope="row">{{ row.label }}</th>
            @for (cell of row.cells; track $index) {
              <td>{{ cell }}</td>
            }
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
    }
  `,
})
export class ChartFigureComponent {
  /** Names the table: what the chart shows, and which rows the table keeps ("days with calls"). */
  readonly caption = input.required<string>();
  /** The column headers, the rows' header column first: "Day", "Calls". */
  readonly columns = input.required<readonly string[]>();
  readonly rows = input.required<readonly ChartTableRow[]>();
  /** The chart's height (its width is the card's). */
  readonly height = input('16rem');
}
