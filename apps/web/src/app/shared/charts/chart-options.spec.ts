import type { TooltipItem } from 'chart.js';
import { axisTitle, chartOptions, dayChartOptions, valueAxis } from './chart-options';
import { CHART_COLORS, CHART_LEGEND, CHART_TICKS, CHART_TOOLTIP } from './chart-theme';

describe('chart options', () => {
  it('makes every chart fill its box at once, with the legend and tooltips in the portal type', () => {
    expect(chartOptions<'doughnut'>({ cutout: '68%' })).toEqual({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      cutout: '68%',
      plugins: { tooltip: CHART_TOOLTIP, legend: CHART_LEGEND },
    });
  });

  it('hides the legend and words the tooltip when a chart asks', () => {
    const label = (item: TooltipItem<'line'>) => `Rate: ${item.parsed.y}%`;
    expect(chartOptions<'line'>({}, { legend: false, tooltipLabel: label }).plugins).toEqual({
      tooltip: { ...CHART_TOOLTIP, callbacks: { label } },
      legend: { display: false },
    });
  });

  it('puts the days along x, with the chart’s own additions, beside its value axes', () => {
    const options = dayChartOptions<'bar'>({ x: { stacked: true }, y: valueAxis({ stacked: true }) });
    expect(options.interaction).toEqual({ mode: 'index', intersect: false });
    expect(options.scales).toEqual({
      x: {
        stacked: true,
        grid: { display: false },
        ticks: { ...CHART_TICKS, maxRotation: 0, autoSkipPadding: 12 },
      },
      y: { stacked: true, beginAtZero: true, grid: { color: CHART_COLORS.grid }, ticks: CHART_TICKS },
    });
  });

  it('lays a value axis’s own ticks and grid over the theme’s', () => {
    expect(
      valueAxis({ position: 'right', title: axisTitle('Cost'), ticks: { precision: 0 }, grid: { display: false } }),
    ).toEqual({
      position: 'right',
      beginAtZero: true,
      title: { display: true, text: 'Cost', color: CHART_COLORS.text },
      ticks: { ...CHART_TICKS, precision: 0 },
      grid: { display: false },
    });
  });
});
