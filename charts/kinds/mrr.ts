// MRR line: history solid, 90-day forecast dashed, its prediction interval as a band.
import type { Chart, ChartDataset, Plugin, Point } from 'chart.js';
import { categoryAxis, emptyPlan, headerOptions, LAYOUT, suggestedMax, valueAxis } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { renderPlan } from '../canvas.ts';
import { formatMajorCompact, formatMoney, formatMoneyShort, formatPercent, toMajor } from '../../core/format/index.ts';
import { daysBetween, formatDate } from '../format.ts';
import { byDate, changeBase, dayAxis, dayLabels, direction, pointRadius } from '../series.ts';
import { alpha, palette } from '../theme.ts';
import type { Palette } from '../theme.ts';
import type { ForecastPoint, MrrChartData, MrrPoint, RenderedChart, RenderOptions, Theme } from '../types.ts';

interface Summary {
  change: string;
  forecast: string;
}

function summary(
  data: MrrChartData,
  history: MrrPoint[],
  forecast: ForecastPoint[],
  money: (m: number) => string,
): Summary {
  const last = history[history.length - 1]!;
  const ch = changeBase(history, 30);
  let change = '';
  if (ch) {
    const over = `over ${ch.days} day${ch.days === 1 ? '' : 's'}`;
    const d = direction(last.mrr - ch.base.mrr);
    if (d === 'flat') change = `flat ${over}`;
    else if (ch.base.mrr === 0) change = `up from ${money(0)} ${over}`;
    else change = `${d} ${formatPercent(Math.abs(last.mrr - ch.base.mrr) / ch.base.mrr)} ${over}`;
  }
  const f = forecast[forecast.length - 1];
  const level = formatPercent(data.intervalLevel ?? 0.8, 0);
  const forecastText = f
    ? `forecast ${money(f.mrr)} (${level}: ${money(f.lower)}–${money(f.upper)}) in ${daysBetween(last.date, f.date)} days`
    : '';
  return { change, forecast: forecastText };
}

/** A faint dashed vertical line where history ends and the forecast begins. */
function todayPlugin(p: Palette, index: number): Plugin {
  return {
    id: 'pulseToday',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea: a } = chart;
      const x = chart.scales.x!.getPixelForValue(index);
      ctx.save();
      ctx.strokeStyle = p.zeroLine;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 4]);
      ctx.beginPath();
      ctx.moveTo(x, a.top);
      ctx.lineTo(x, a.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

export function mrrChart(data: MrrChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const history = byDate(
    data.history.filter((h) => Number.isFinite(h.mrr)),
    (x) => x.date,
  );
  const last = history[history.length - 1];
  if (!last) return emptyPlan(p, 'MRR', 'MRR appears after the first payments are synced.');
  const forecast = byDate(data.forecast ?? [], (x) => x.date).filter(
    (x) => x.date > last.date && Number.isFinite(x.mrr),
  );
  const cur = data.currency;
  const major = (m: number) => toMajor(m, cur);
  const dates = dayAxis([...history.map((h) => h.date), ...forecast.map((f) => f.date)]);
  const at = new Map(dates.map((d, i) => [d, i]));
  // Each series as its own points only, {x: day slot, y}, already in Chart.js's parsed form (parsing: false): a
  // slot-per-day array was mostly nulls (the history has none in the forecast's slots, the three forecast series
  // none in the history's), and Chart.js parsed, laid out and skipped every one of them. Lines span the days with
  // no point either way (spanGaps).
  const series = <T extends { date: string }>(points: T[], pick: (t: T) => number, start?: number): Point[] => {
    const bySlot = new Map<number, number>();
    if (start !== undefined && points.length) bySlot.set(at.get(last.date)!, major(start));
    for (const pt of points) bySlot.set(at.get(pt.date)!, major(pick(pt)));
    return [...bySlot].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
  };
  const levelLabel = `${formatPercent(data.intervalLevel ?? 0.8, 0)} interval`;
  const line = {
    pointRadius: 0,
    borderWidth: 2,
    tension: 0.25,
    cubicInterpolationMode: 'monotone' as const,
    spanGaps: true,
    parsing: false as const,
  };
  const band = { ...line, borderWidth: 0, backgroundColor: alpha(p.primary, 0.22) };
  const datasets: ChartDataset<'line', Point[]>[] = [
    {
      ...line,
      label: 'MRR',
      data: series(history, (h) => h.mrr),
      borderColor: p.primary,
      backgroundColor: p.primary,
      borderWidth: 2.5,
      pointRadius: pointRadius(history.length),
      fill: { target: 'origin', above: alpha(p.primary, 0.1) },
    },
    {
      ...line,
      label: 'Forecast',
      data: series(forecast, (f) => f.mrr, last.mrr),
      borderColor: p.primary,
      backgroundColor: p.primary,
      borderDash: [6, 5],
      fill: false,
    },
    { ...band, label: levelLabel, data: series(forecast, (f) => f.upper, last.mrr), fill: '+1' },
    { ...band, label: '', data: series(forecast, (f) => f.lower, last.mrr), fill: false },
  ];
  const s = summary(data, history, forecast, (m) => formatMoneyShort(m, cur));
  const full = summary(data, history, forecast, (m) => formatMoney(m, cur));
  const subtitle = [s.change, s.forecast].filter(Boolean).join(' · ') || formatDate(last.date);
  const values = [...history.map((h) => h.mrr), ...forecast.map((f) => f.upper)];
  return {
    alt:
      `MRR ${formatMoney(last.mrr, cur)} on ${formatDate(last.date)}` +
      `${full.change ? `, ${full.change}` : ''}${full.forecast ? `; ${full.forecast}` : ''}`,
    config: {
      type: 'line',
      data: { labels: dayLabels(dates), datasets },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title: `MRR ${formatMoneyShort(last.mrr, cur)}`,
          subtitle: subtitle.charAt(0).toUpperCase() + subtitle.slice(1),
          legend: forecast.length > 0,
        }),
        scales: {
          x: { ...categoryAxis(p), offset: dates.length <= 2 },
          y: valueAxis(p, (v) => formatMajorCompact(v, cur), {
            beginAtZero: true,
            suggestedMax: suggestedMax(values, 100),
          }),
        },
      },
      plugins: forecast.length ? [todayPlugin(p, at.get(last.date)!)] : [],
    },
  };
}

export function renderMrr(
  data: MrrChartData,
  theme: Theme = 'dark',
  opts?: Omit<RenderOptions, 'theme'>,
): Promise<RenderedChart> {
  return renderPlan(mrrChart(data, theme), theme, opts);
}
