// The revenue and forecast sections of a report: core/revenue's revenueReport for the period (the answer
// /revenue gives) and core/forecast's forecast from the daily MRR history, reshaped into report JSON.
import type { Queryable } from '../../db/queryable.ts';
import { forecastMrr } from '../../forecast/forecast-mrr.ts';
import { daysBetween, type Period } from '../../period.ts';
import type { Figure } from '../../revenue/figure.ts';
import { mrrSeries, revenueReport } from '../../revenue/revenue.service.ts';
import type { RevenueReport } from '../../revenue/types.ts';
import type { FigureJson, ForecastJson, RevenueJson, Section } from '../report-json.ts';

export function figureJson(f: Figure): FigureJson {
  return f.available ? { value: f.value } : { value: null, reason: f.reason };
}

export function revenueJson(r: RevenueReport): RevenueJson {
  const c = r.current;
  const p = 'period' in r.previous ? r.previous : null;
  return {
    mrrStartMinor: c.mrrStartMinor, mrrEndMinor: c.mrrEndMinor, arrEndMinor: c.arrEndMinor,
    customersStart: c.customersStart, customersEnd: c.customersEnd,
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
      from: p.period.from, to: p.period.to, mrrEndMinor: p.mrrEndMinor, netNewMinor: p.movements.netNewMinor,
      customersEnd: p.customersEnd, revenueMinor: p.cash.revenueMinor, customerChurnRate: figureJson(p.customerChurnRate),
    },
    mrrDaily: r.mrrDaily.map((d) => ({ day: d.day, mrrMinor: d.mrrMinor })),
    footnotes: [...r.footnotes],
  };
}

export async function revenueSection(db: Queryable, companyId: number, period: Period, asOf: Date): Promise<Section<RevenueJson>> {
  const r = await revenueReport(db, companyId, { from: period.from, to: period.to, asOf });
  return r.ok ? { ok: true, ...revenueJson(r.value) } : { ok: false, notice: r.limit.message };
}

/**
 * The MRR forecast from the whole daily history, as far ahead as /revenue shows it: the period's length,
 * 14 to 90 days (the back-test is the bench's work, not a page's).
 */
export async function forecastSection(db: Queryable, companyId: number, period: Period, asOf: Date): Promise<Section<ForecastJson>> {
  const horizon = Math.min(90, Math.max(14, daysBetween(period.from, period.to)));
  const f = forecastMrr(await mrrSeries(db, companyId, { asOf }), horizon);
  if (!f.ok) return { ok: false, notice: `No forecast yet: ${f.reason}.` };
  return { ok: true, method: f.method, intervalLevel: f.coverage, points: f.points.map((p) => ({ ...p })) };
}
