// The revenue figures behind /revenue and the digest (one code path, so both show the same numbers): the
// period's report from core/revenue and, when the period runs up to today, the MRR forecast of core/forecast;
// for `/revenue by:`, the same period per plan or product (core/revenue revenueBreakdown) as a table.
import { forecastMrr } from '../../core/forecast/forecast-mrr.ts';
import type { ForecastPoint } from '../../core/forecast/types.ts';
import { addDays, daysBetween, localDay, type Period } from '../../core/period.ts';
import {
  mrrSeries,
  revenueBreakdown,
  revenueReport,
  type DailyMrr,
  type RevenueBreakdown,
  type RevenueBreakdownBy,
  type Company,
  type RevenueReport,
} from '../../core/revenue/index.ts';
import { tierLimitError } from '../../core/tiers/tier-limits.ts';
import type { ChartSpec } from '../../charts/index.ts';
import { data, type AnswerChart, type AnswerTable } from '../answer.ts';
import { formatDate, formatNumber, money, moneyFigure, signedMoney } from './format.ts';
import type { BotDeps } from '../deps.ts';

export interface RevenueData {
  report: RevenueReport;
  /** Forecast days after the period (only when it ends today), or empty. */
  forecast: ForecastPoint[];
}

/** The report for `period` as of `asOf`; with `forecast`, the MRR forecast too when the period ends today. */
export async function loadRevenue(
  deps: BotDeps,
  company: Company,
  period: Period,
  asOf: Date,
  opts: { forecast: boolean },
): Promise<RevenueData> {
  const limited = await revenueReport(deps.db, company.id, { from: period.from, to: period.to, asOf });
  if (!limited.ok) throw tierLimitError(limited.limit);
  const endsToday = period.to === addDays(localDay(asOf, company.timeZone), 1);
  if (!opts.forecast || !endsToday) return { report: limited.value, forecast: [] };
  const series = await mrrSeries(deps.db, company.id, { asOf });
  const horizon = Math.min(90, Math.max(14, daysBetween(period.from, period.to)));
  const f = forecastMrr(series, horizon);
  return { report: limited.value, forecast: f.ok ? f.points : [] };
}

/** The MRR line of a report's period (with the forecast band when there is one). */
export function mrrChart(data: RevenueData): AnswerChart {
  return mrrLineChart(data.report.currency, data.report.mrrDaily, data.forecast);
}

/** An MRR line over daily MRR (and a forecast band), with its numbers as text. */
export function mrrLineChart(cur: string, daily: readonly DailyMrr[], forecast: readonly ForecastPoint[]): AnswerChart {
  const history = daily.map((d) => ({ date: d.day, mrr: d.mrrMinor }));
  const spec: ChartSpec = {
    kind: 'mrr',
    data: {
      currency: cur,
      history,
      forecast: forecast.map((p) => ({ date: p.day, mrr: p.mrrMinor, lower: p.lowMinor, upper: p.highMinor })),
    },
  };
  const first = history[0];
  const last = history[history.length - 1];
  const lines: string[] = [];
  if (first && last) {
    lines.push(
      `MRR ${formatDate(first.date)}: ${money(first.mrr, cur)}`,
      `MRR ${formatDate(last.date)}: ${money(last.mrr, cur)}`,
    );
    const values = history.map((h) => h.mrr);
    lines.push(`Lowest ${money(Math.min(...values), cur)}, highest ${money(Math.max(...values), cur)}`);
  }
  const end = forecast[forecast.length - 1];
  if (end)
    lines.push(
      `Forecast ${formatDate(end.day)}: ${money(end.mrrMinor, cur)} (80% range ${money(end.lowMinor, cur)}–${money(end.highMinor, cur)})`,
    );
  return {
    spec,
    filename: 'mrr.png',
    numbers: lines.join('\n'),
    alt: last
      ? `MRR line ending at ${money(last.mrr, cur)} on ${formatDate(last.date)}${end ? ', with a forecast band' : ''}`
      : 'MRR line (no data)',
  };
}

/** The period per plan or product, as of the same instant as the report. */
export async function loadBreakdown(
  deps: BotDeps,
  company: Company,
  period: Period,
  asOf: Date,
  by: RevenueBreakdownBy,
): Promise<RevenueBreakdown> {
  const limited = await revenueBreakdown(deps.db, company.id, { from: period.from, to: period.to, asOf, by });
  if (!limited.ok) throw tierLimitError(limited.limit);
  return limited.value;
}

/** One row per plan (or product): MRR at the end, its movements, what moved in or out, customers, ARPU. */
export function breakdownTable(b: RevenueBreakdown): AnswerTable {
  const cur = b.currency;
  const moves = (x: { newMinor: number; reactivationMinor: number }) =>
    signedMoney(x.newMinor + x.reactivationMinor, cur);
  return {
    title: `By ${b.by}`,
    columns: [
      { key: 'name', label: b.by === 'plan' ? 'Plan' : 'Product' },
      { key: 'mrr', label: 'MRR', align: 'right' },
      { key: 'added', label: 'New + back', align: 'right' },
      { key: 'exp', label: 'Expansion', align: 'right' },
      { key: 'contr', label: 'Contraction', align: 'right' },
      { key: 'churn', label: 'Churned', align: 'right' },
      { key: 'moved', label: 'Moved', align: 'right' },
      { key: 'customers', label: 'Customers', align: 'right' },
      { key: 'arpu', label: 'ARPU', align: 'right' },
    ],
    rows: b.rows.map((r) => ({
      name: data(r.title, 40),
      mrr: money(r.mrrEndMinor, cur),
      added: moves(r.movements),
      exp: signedMoney(r.movements.expansionMinor, cur),
      contr: signedMoney(-r.movements.contractionMinor, cur),
      churn: signedMoney(-r.movements.churnMinor, cur),
      moved: signedMoney(r.movedMinor, cur),
      customers: formatNumber(r.customersEnd),
      arpu: moneyFigure(r.arpuMinor, cur),
    })),
  };
}

/** What the breakdown's columns mean (shown under the table). */
export function breakdownNote(b: RevenueBreakdown): string {
  return (
    `MRR and movements add up to the company's. Moved: MRR customers took to (+) or from (-) another ${b.by} when they switched. ` +
    `Customers do not add up: someone paying on two ${b.by}s counts in each (the company has ${formatNumber(b.total.customersEnd)}).`
  );
}
