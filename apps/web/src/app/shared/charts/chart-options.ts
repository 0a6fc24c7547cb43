import type { ChartOptions, ChartType, ScaleOptions, TooltipItem } from 'chart.js';
import { CHART_COLORS, CHART_LEGEND, CHART_TICKS, CHART_TOOLTIP } from './chart-theme';

/**
 * The chart.js options the portal's charts share, built here so that each chart states only what is its own.
 * Only types come from chart.js in this file, as in chart-theme.ts: the charts register the pieces they draw with.
 */

/** What a chart says in its legend and tooltips, beyond what every chart shares. */
export interface ChartTextOptions<TType extends ChartType> {
  /** Off for a single series that the card's title already names. */
  legend?: boolean;
  /** The tooltip's line for one item, where chart.js's "Label: value" would not say it well. */
  tooltipLabel?: (item: TooltipItem<TType>) => string;
}

/**
 * Every chart: it fills the box its figure gives it (the box sets the height), it is drawn at once (the figures
 * arrive whole, so an animation would only hold them back), and its legend and tooltips are in the portal's type and
 * colours. `own` holds the rest (a doughnut's cutout, a chart's axes).
 */
export function chartOptions<TType extends ChartType>(
  own: ChartOptions<TType>,
  { legend = true, tooltipLabel }: ChartTextOptions<TType> = {},
): ChartOptions<TType> {
  // TypeScript cannot check an object literal against ChartOptions of a type parameter; callers get it checked for theirs.
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    ...own,
    plugins: {
      tooltip: tooltipLabel ? { ...CHART_TOOLTIP, callbacks: { label: tooltipLabel } } : CHART_TOOLTIP,
      legend: legend ? CHART_LEGEND : { display: false },
    },
  } as ChartOptions<TType>;
}

/** The axes of a chart over days: `x` (the days) takes the chart's additions, the others are its value axes. */
export interface DayChartAxes {
  x?: ScaleOptions<'category'>;
  [axisId: string]: ScaleOptions | undefined;
}

/**
 * A chart of figures per day (bars, lines): the days along x with flat labels, thinned out where they would crowd and
 * without vertical grid lines; the chart's own value axes; and a tooltip that lists every series of the day under the
 * pointer, wherever it is in the day's column.
 */
export function dayChartOptions<TType extends 'bar' | 'line'>(
  { x, ...valueAxes }: DayChartAxes,
  text?: ChartTextOptions<TType>,
): ChartOptions<TType> {
  const own: ChartOptions<'bar' | 'line'> = {
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { ...x, grid: { display: false }, ticks: { ...CHART_TICKS, maxRotation: 0, autoSkipPadding: 12 } },
      ...valueAxes,
    },
  };
  // Checked for bars and lines together above; TypeScript cannot narrow that to the caller's one type parameter.
  return chartOptions<TType>(own as ChartOptions<TType>, text);
}

/**
 * An axis of figures that start at zero: the portal's tick labels with the axis's own tick options on top, and faint
 * horizontal grid lines (a second axis beside the first passes `grid: { display: false }`, so the lines stay one set).
 */
export function valueAxis({ ticks, ...own }: ScaleOptions<'linear'> = {}): ScaleOptions<'linear'> {
  return { beginAtZero: true, grid: { color: CHART_COLORS.grid }, ...own, ticks: { ...CHART_TICKS, ...ticks } };
}

/** An axis's name beside it, for a chart with two value axes. */
export function axisTitle(text: string) {
  return { display: true, text, color: CHART_COLORS.text };
}
