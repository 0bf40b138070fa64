// Shared pieces of every chart's Chart.js configuration: header (title + subtitle with the key number),
// legend, axes, and the "No data yet" plan.
import { Chart } from 'chart.js';
import type { ChartConfiguration, ChartOptions, LegendItem, Plugin, ScaleOptions } from 'chart.js';
import { drawable, truncate } from './format.ts';
import { noDataPlugin } from './plugins.ts';
import type { Palette } from './theme.ts';

/** What a builder returns: a Chart.js configuration (no size, no renderer specifics) and its alt text. */
export interface ChartPlan {
  config: ChartConfiguration<'bar' | 'line'>;
  alt: string;
}

export interface Header {
  title: string;
  subtitle: string;
  legend?: boolean;
}

/** Legend swatches: a short line for unfilled line series (dashed when the series is), a rounded square otherwise. */
function legendItems(chart: Chart): LegendItem[] {
  const type = (chart.config as { type?: string }).type;
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const ds = chart.data.datasets[item.datasetIndex ?? 0] as
      | { type?: string; fill?: unknown; borderColor?: unknown }
      | undefined;
    const line = (ds?.type ?? type) === 'line' && !ds?.fill;
    if (!line) return { ...item, pointStyle: 'rectRounded', lineWidth: 0 };
    const strokeStyle = typeof ds?.borderColor === 'string' ? ds.borderColor : item.strokeStyle;
    return { ...item, pointStyle: 'line', strokeStyle, lineWidth: 2.5, lineDash: item.lineDash?.length ? [3, 2] : [] };
  });
}

const TITLE_CHARS = 70;
const SUBTITLE_CHARS = 112;

export function headerOptions(p: Palette, h: Header): NonNullable<ChartOptions<'bar' | 'line'>['plugins']> {
  return {
    title: {
      display: true,
      text: truncate(drawable(h.title), TITLE_CHARS),
      align: 'start',
      color: p.text,
      font: { size: 16, weight: 600 },
      padding: { top: 2, bottom: 3 },
    },
    subtitle: {
      display: true,
      text: truncate(drawable(h.subtitle), SUBTITLE_CHARS),
      align: 'start',
      color: p.muted,
      font: { size: 13, weight: 400 },
      padding: { top: 0, bottom: h.legend ? 6 : 12 },
    },
    legend: {
      display: h.legend ?? false,
      position: 'top',
      align: 'start',
      labels: {
        color: p.text,
        usePointStyle: true,
        boxWidth: 9,
        boxHeight: 9,
        padding: 14,
        font: { size: 12 },
        generateLabels: legendItems,
        filter: (item: LegendItem) => item.text !== '',
        sort: (a: LegendItem, b: LegendItem) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
      },
    },
    tooltip: { enabled: false },
  };
}

export const LAYOUT = { padding: { top: 16, right: 22, bottom: 12, left: 16 } };

/** A category axis with self-formatted labels, thinned to at most maxTicks. */
export function categoryAxis(p: Palette, maxTicks = 8): ScaleOptions<'category'> {
  return {
    type: 'category',
    grid: { display: false },
    border: { color: p.grid },
    ticks: {
      color: p.muted,
      font: { size: 11 },
      maxRotation: 0,
      autoSkip: true,
      autoSkipPadding: 14,
      maxTicksLimit: maxTicks,
      sampleSize: 20,
    },
  } as ScaleOptions<'category'>;
}

export interface AxisExtra {
  ticks?: Record<string, unknown>;
  grid?: Record<string, unknown>;
  [option: string]: unknown;
}

/** A linear value axis; format turns a tick value into its label; the zero line is drawn stronger. */
export function valueAxis(p: Palette, format: (v: number) => string, extra: AxisExtra = {}): ScaleOptions<'linear'> {
  const { ticks, grid, ...rest } = extra;
  return {
    type: 'linear',
    border: { display: false },
    grid: {
      color: (c: { tick?: { value: number } }) => (c.tick?.value === 0 ? p.zeroLine : p.grid),
      drawTicks: false,
      ...grid,
    },
    ticks: {
      color: p.muted,
      font: { size: 11 },
      padding: 8,
      maxTicksLimit: 6,
      callback: (v: number | string) => format(Number(v)),
      ...ticks,
    },
    ...rest,
  } as ScaleOptions<'linear'>;
}

/** Top of a value axis that stays readable when every value is 0. */
export function suggestedMax(values: number[], fallback: number): number | undefined {
  return values.some((v) => v !== 0) ? undefined : fallback;
}

export function emptyPlan(p: Palette, title: string, hint: string): ChartPlan {
  const plugins: Plugin<'bar'>[] = [noDataPlugin(p, 'No data yet', hint) as Plugin<'bar'>];
  return {
    alt: `${title}: no data yet. ${hint}`,
    config: {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, { title, subtitle: 'No data yet' }),
        scales: { x: { display: false }, y: { display: false } },
      },
      plugins,
    },
  };
}
