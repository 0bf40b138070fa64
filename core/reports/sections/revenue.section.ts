// The revenue and forecast sections of a report: core/revenue's revenueReport for the period (the answer
// /revenue gives) with the counts behind each movement (memberFigureCounts: no names, a link is shared) and the
// period by plan and by product (revenueBreakdown), and core/forecast's forecast from the daily MRR history,
// reshaped into report JSON.
import type { Queryable } from '../../db/queryable.ts';
import { forecastMrr } from '../../forecast/forecast-mrr.ts';
import { daysBetween, type Period } from '../../period.ts';
import type { Figure } from '../../revenue/figure.ts';
import { revenueBreakdown, type RevenueBreakdown } from '../../revenue/breakdown.service.ts';
import { memberFigureCounts, type FigureCount } from '../../revenue/figure-counts.service.ts';
import { figureLabels } from '../../revenue/figure-names.ts';
import { mrrSeries, revenueReport } from '../../revenue/revenue.service.ts';
import type { RevenueReport } from '../../revenue/types.ts';
import type { FigureJson, ForecastJson, RevenueJson, SegmentRevenueJson, Section } from '../report-json.ts';

export function figureJson(f: Figure): FigureJson {
  return f.available ? { value: f.value } : { value: null, reason: f.reason };
}

function segmentsJson(b: RevenueBreakdown): SegmentRevenueJson[] {
  return b.rows.map((r) => ({
    title: r.title,
    product: r.product,
    mrrStartMinor: r.mrrStartMinor,
    mrrEndMinor: r.mrrEndMinor,
    customersStart: r.customersStart,
    customersEnd: r.customersEnd,
    movements: { ...r.movements },
    movedMinor: r.movedMinor,
    arpuMinor: figureJson(r.arpuMinor),
  }));
}

export interface RevenueDetail {
  counts: FigureCount[];
  byPlan: RevenueBreakdown;
  byProduct: RevenueBreakdown;
}

export function revenueJson(r: RevenueReport, detail: RevenueDetail): RevenueJson {
  const c = r.current;
  const p = 'period' in r.previous ? r.previous : null;
  return {
    mrrStartMinor: c.mrrStartMinor,
    mrrEndMinor: c.mrrEndMinor,
    arrEndMinor: c.arrEndMinor,
    customersStart: c.customersStart,
    customersEnd: c.customersEnd,
    movements: { ...c.movements },
    churnedCustomers: c.churnedCustomers,
    customerChurnRate: figureJson(c.customerChurnRate),
    grossMrrChurnRate: figureJson(c.grossMrrChurnRate),
    netMrrChurnRate: figureJson(c.netMrrChurnRate),
    quickRatio: figureJson(c.quickRatio),
    netRevenueRetention: figureJson(c.netRevenueRetention),
    arpuMinor: figureJson(c.arpuMinor),
    ltvMinor: figureJson(r.ltv.ltvMinor),
    cash: { ...c.cash, refundRate: figureJson(c.cash.refundRate) },
    pastDueMrrMinor: c.pastDueMrrMinor,
    pastDueCustomers: c.pastDueCustomers,
    previous: p && {
      from: p.period.from,
      to: p.period.to,
      mrrEndMinor: p.mrrEndMinor,
      netNewMinor: p.movements.netNewMinor,
      customersEnd: p.customersEnd,
      revenueMinor: p.cash.revenueMinor,
      customerChurnRate: figureJson(p.customerChurnRate),
    },
    mrrDaily: r.mrrDaily.map((d) => ({ day: d.day, mrrMinor: d.mrrMinor })),
    footnotes: [...r.footnotes],
    behind: detail.counts.map((f) => ({
      title: figureLabels[f.figure],
      figure: f.figure,
      amountMinor: f.totalMinor,
      rows: f.count,
      customers: f.customers,
    })),
    byPlan: segmentsJson(detail.byPlan),
    byProduct: segmentsJson(detail.byProduct),
  };
}

export async function revenueSection(
  db: Queryable,
  companyId: number,
  period: Period,
  asOf: Date,
): Promise<Section<RevenueJson>> {
  const q = { from: period.from, to: period.to, asOf };
  const r = await revenueReport(db, companyId, q);
  if (!r.ok) return { ok: false, notice: r.limit.message };
  // The report rebuilt the rollup if it had to: these read it as of the same instant.
  const [counts, byPlan, byProduct] = await Promise.all([
    memberFigureCounts(db, companyId, q),
    revenueBreakdown(db, companyId, { ...q, by: 'plan' }),
    revenueBreakdown(db, companyId, { ...q, by: 'product' }),
  ]);
  if (!counts.ok) return { ok: false, notice: counts.limit.message };
  if (!byPlan.ok) return { ok: false, notice: byPlan.limit.message };
  if (!byProduct.ok) return { ok: false, notice: byProduct.limit.message };
  return {
    ok: true,
    ...revenueJson(r.value, { counts: counts.value, byPlan: byPlan.value, byProduct: byProduct.value }),
  };
}

/**
 * The MRR forecast from the whole daily history, as far ahead as /revenue shows it: the period's length,
 * 14 to 90 days (the back-test is the bench's work, not a page's).
 */
export async function forecastSection(
  db: Queryable,
  companyId: number,
  period: Period,
  asOf: Date,
): Promise<Section<ForecastJson>> {
  const horizon = Math.min(90, Math.max(14, daysBetween(period.from, period.to)));
  const f = forecastMrr(await mrrSeries(db, companyId, { asOf }), horizon);
  if (!f.ok) return { ok: false, notice: `No forecast yet: ${f.reason}.` };
  return { ok: true, method: f.method, intervalLevel: f.coverage, points: f.points.map((p) => ({ ...p })) };
}
