import type { CallStatus } from '@hh/contracts';

/**
 * The portal's look for charts (orange/amber on slate, green for success, red for failure).
 * A canvas cannot read CSS custom properties, so the values of styles.scss are repeated here, once for every chart.
 * Only types come from chart.js in this file: importing it must never pull chart.js into the app's first bytes.
 */
export const CHART_COLORS = {
  /** --hh-success */
  successful: '#22c55e',
  /** --hh-danger */
  failed: '#ef4444',
  /** slate-500 */
  other: '#64748b',
  /** orange-400, the primary palette */
  primary: '#fb923c',
  /** amber-400, the tertiary accent */
  accent: '#fbbf24',
  /** sky-400, a third series that reads apart from the other two */
  info: '#38bdf8',
  /** slate-400, --mat-sys-on-surface-variant */
  text: '#94a3b8',
  grid: 'rgb(148 163 184 / 0.12)',
  /** slate-900, the page behind the cards: the gaps between doughnut slices */
  surface: '#0f172a',
} as const;

/** One colour per call status: completed green, the failures in reds, calls in flight in cool tones. */
export const CALL_STATUS_COLORS: Readonly<Record<CallStatus, string>> = {
  initiated: '#a78bfa',
  ringing: CHART_COLORS.accent,
  in_progress: CHART_COLORS.info,
  completed: CHART_COLORS.successful,
  failed: CHART_COLORS.failed,
  busy: '#fb7185',
  no_answer: '#fda4af',
  canceled: CHART_COLORS.other,
};

/** The portal's typeface (styles.scss), which the canvas does not inherit. */
export const CHART_FONT = {
  family: "Inter, 'Segoe UI Variable', 'Segoe UI', system-ui, -apple-system, Roboto, Arial, sans-serif",
};

/** Axis labels. */
export const CHART_TICKS = { color: CHART_COLORS.text, font: CHART_FONT };

/** The legend under a chart, with small square swatches. */
export const CHART_LEGEND = {
  position: 'bottom' as const,
  labels: { color: CHART_COLORS.text, font: CHART_FONT, boxWidth: 12, boxHeight: 12 },
};

export const CHART_TOOLTIP = { titleFont: CHART_FONT, bodyFont: CHART_FONT };
