// Cohort retention grid: one row per cohort month, one column per month since start, each cell its
// retained share as text and as colour intensity.
import { emptyPlan, headerOptions, LAYOUT } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import { formatMoneyCompact, formatNumber, formatPercent } from '../../core/format/index.ts';
import { formatMonth, formatMonthShort } from '../format.ts';
import { gridAxis, gridPlugin } from '../grid.ts';
import type { GridCell } from '../grid.ts';
import { byDate } from '../series.ts';
import { mix, palette, textOn } from '../theme.ts';
import type { CohortChartData, CohortRow, Theme } from '../types.ts';

const MAX_ROWS = 12;
const MAX_COLS = 13;

/** Size-weighted average retention k months after the start, over the cohorts that have reached month k. */
export function averageRetention(rows: CohortRow[], k: number): number | undefined {
  let num = 0;
  let den = 0;
  for (const r of rows) {
    const v = r.retention[k];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    num += v * r.size;
    den += r.size;
  }
  return den > 0 ? num / den : undefined;
}

export function cohortChart(data: CohortChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const mrr = data.basis === 'mrr';
  const title = mrr ? 'MRR retention by cohort' : 'Customer retention by cohort';
  const rows = byDate(data.rows, (r) => r.cohort).slice(-MAX_ROWS);
  const cols = Math.min(MAX_COLS, Math.max(0, ...rows.map((r) => r.retention.length)));
  if (rows.length === 0 || cols === 0)
    return emptyPlan(p, title, 'Cohorts appear after the first month of paying customers.');
  const size = (r: CohortRow) => (mrr ? formatMoneyCompact(r.size, data.currency ?? 'usd') : formatNumber(r.size));
  const shown = rows
    .flatMap((r) => r.retention.slice(0, cols))
    .filter((v): v is number => v !== null && Number.isFinite(v));
  // Colour spans the shown range, so 50% and 90% differ visibly even when nothing drops below 50%.
  const lo = Math.min(...shown);
  const hi = Math.max(...shown);
  const cells: (GridCell | null)[][] = rows.map((r) =>
    Array.from({ length: cols }, (_, k) => {
      const v = r.retention[k];
      if (v === null || v === undefined || !Number.isFinite(v)) return null;
      const fill = mix(p.emptyCell, p.cellHigh, 0.18 + 0.82 * (hi > lo ? (v - lo) / (hi - lo) : 1));
      return { fill, text: formatPercent(v, 0), textColor: textOn(fill) };
    }),
  );
  const colLabels = Array.from({ length: cols }, (_, k) => `M${k}`);
  const rowLabels = rows.map((r) => `${formatMonthShort(r.cohort)} · ${size(r)}`);
  const marks = [1, 3, 6, 12]
    .map((k) => ({ k, v: averageRetention(rows, k) }))
    .filter((m): m is { k: number; v: number } => m.v !== undefined)
    .map((m) => `${m.k} month${m.k === 1 ? '' : 's'} ${formatPercent(m.v, 0)}`);
  const newest = rows[rows.length - 1]!;
  const unit = mrr ? 'starting MRR' : 'customers';
  const avg = marks.length ? `average retention after ${marks.join(', ')}` : 'no cohort has completed a month yet';
  return {
    alt:
      `${title}, ${rows.length} cohort${rows.length === 1 ? '' : 's'}: ${avg}; newest cohort ` +
      `${formatMonth(newest.cohort, true)} (${size(newest)} ${unit})`,
    config: {
      type: 'bar',
      data: { labels: colLabels, datasets: [] },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title,
          subtitle: marks.length
            ? `Average after ${marks.join(' · ')} · columns are months since start`
            : 'Columns are months since start',
        }),
        scales: { x: gridAxis(p, colLabels, 'top'), y: gridAxis(p, rowLabels, 'left') },
      },
      plugins: [gridPlugin(cells, { gap: 3, radius: 3, fontSize: rows.length > 10 ? 10 : 11 })],
    },
  };
}
