// The reduce half of load-and-reduce, step 2: daily rows, customer boundary facts and payment failures
// computed in JS from the loaded rows, as a RevenueSource; assembled into the same report as the rollup's.
import { assembleRevenueReport, type RevenueSource } from '../../../core/revenue/report-assembly.ts';
import type { CustomerBoundary, DailyRevenue, PaymentFailures, RevenueReport } from '../../../core/revenue/types.ts';
import { dayFromNumber, dayNumber, localDay, type Period } from '../../../core/period.ts';
import { earliestQueryableDay, isTier } from '../../../core/tiers/tier-limits.ts';
import type { Queryable } from '../../../core/db/queryable.ts';
import { loadCompanyRows, type RawCompany } from './load-rows.ts';
import { customerSpans, localDayNumber, type RefSpan } from './reduce-spans.ts';

const DAY_MS = 86_400_000;

function dailyRows(raw: RawCompany, spans: RefSpan[], asOf: number): DailyRevenue[] {
  const dayOf = localDayNumber(raw.timeZone);
  const lastDay = dayOf(asOf);
  const acc = new Map<number, DailyRevenue & { dc: number; paid: number }>();
  const at = (day: number) => {
    let row = acc.get(day);
    if (!row) {
      row = {
        day: dayFromNumber(day),
        mrrMinor: 0,
        customers: 0,
        newMinor: 0,
        reactivationMinor: 0,
        expansionMinor: 0,
        contractionMinor: 0,
        churnMinor: 0,
        revenueMinor: 0,
        refundsMinor: 0,
        dc: 0,
        paid: 0,
      };
      acc.set(day, row);
    }
    return row;
  };
  for (const s of spans) {
    const row = at(s.from);
    if (s.prev === 0) {
      row.dc++;
      if (s.first) row.newMinor += s.mrr;
      else row.reactivationMinor += s.mrr;
    } else if (s.mrr > s.prev) row.expansionMinor += s.mrr - s.prev;
    else if (s.mrr < s.prev) row.contractionMinor += s.prev - s.mrr;
    if (s.to !== null && s.next === 0) {
      at(s.to).churnMinor += s.mrr;
      at(s.to).dc--;
    }
  }
  for (const p of raw.payments)
    if (p.paidAt !== null && p.paidAt <= asOf && p.currency === raw.currency) at(dayOf(p.paidAt)).paid += p.amountMinor;
  for (const r of raw.refunds)
    if (r.status === 'succeeded' && r.at <= asOf && r.currency === raw.currency)
      at(dayOf(r.at)).refundsMinor += r.amountMinor;
  if (acc.size === 0) return [];
  const rows: DailyRevenue[] = [];
  let mrr = 0;
  let customers = 0;
  for (let day = Math.min(...acc.keys()); day <= lastDay; day++) {
    const { dc, paid, ...row } = at(day);
    mrr += row.newMinor + row.reactivationMinor + row.expansionMinor - row.contractionMinor - row.churnMinor;
    customers += dc;
    rows.push({ ...row, mrrMinor: mrr, customers, revenueMinor: paid - row.refundsMinor });
  }
  return rows;
}

function boundaries(spans: RefSpan[], periods: readonly Period[]): CustomerBoundary[] {
  return periods.map((p) => {
    const start = dayNumber(p.from) - 1;
    const end = dayNumber(p.to) - 1;
    const covers = (s: RefSpan, d: number) => s.from <= d && (s.to === null || s.to > d);
    const atStart = spans.filter((s) => covers(s, start));
    const atEnd = new Map(spans.filter((s) => covers(s, end)).map((s) => [s.cust, s]));
    return {
      customersStart: atStart.length,
      churnedCustomers: atStart.filter((s) => s.churnDay !== null && s.churnDay < end + 1).length,
      retainedMrrMinor: atStart.reduce((sum, s) => sum + (atEnd.get(s.cust)?.mrr ?? 0), 0),
      pastDueMinor: [...atEnd.values()].reduce((sum, s) => sum + s.pastDue, 0),
      pastDueCustomers: [...atEnd.values()].filter((s) => s.pastDue > 0).length,
    };
  });
}

function failures(raw: RawCompany, periods: readonly Period[], asOf: number): PaymentFailures[] {
  const dayOf = localDayNumber(raw.timeZone);
  const paidBySub = new Map<number, number[]>();
  for (const p of raw.payments) {
    if (p.membershipId !== null && p.paidAt !== null)
      paidBySub.set(p.membershipId, [...(paidBySub.get(p.membershipId) ?? []), p.paidAt]);
  }
  return periods.map((period) => {
    const out = { failedCount: 0, failedMinor: 0, recoveredCount: 0, recoveredMinor: 0 };
    for (const p of raw.payments) {
      if (p.failedAt === null || p.failedAt > asOf || p.currency !== raw.currency) continue;
      const day = dayOf(p.failedAt);
      if (day < dayNumber(period.from) || day >= dayNumber(period.to)) continue;
      out.failedCount++;
      out.failedMinor += p.amountMinor;
      const limit = Math.min(p.failedAt + 30 * DAY_MS, asOf);
      if (
        p.membershipId !== null &&
        (paidBySub.get(p.membershipId) ?? []).some((t) => t >= p.failedAt! && t <= limit)
      ) {
        out.recoveredCount++;
        out.recoveredMinor += p.amountMinor;
      }
    }
    return out;
  });
}

export function reduceSource(raw: RawCompany, asOf: Date): RevenueSource {
  const t = asOf.getTime();
  const spans = customerSpans(raw, t);
  const rows = dailyRows(raw, spans, t);
  return {
    daily: async (from, through) => rows.filter((r) => r.day >= from && r.day <= through),
    customerBoundaries: async (periods) => boundaries(spans, periods),
    churnCounts: async (periods) =>
      boundaries(spans, periods).map(({ customersStart, churnedCustomers }) => ({ customersStart, churnedCustomers })),
    paymentFailures: async (periods) => failures(raw, periods, t),
  };
}

/** The whole answer the load-and-reduce way: select the rows into JS, reduce, assemble. */
export async function loadAndReduceReport(
  db: Queryable,
  companyId: number,
  q: { from: string; to: string; asOf: Date; enforceTier?: boolean },
): Promise<RevenueReport> {
  const raw = await loadCompanyRows(db, companyId);
  const asOfDay = localDay(q.asOf, raw.timeZone);
  const tier = isTier(raw.tier) ? raw.tier : 'free';
  return assembleRevenueReport(reduceSource(raw, q.asOf), {
    companyId,
    currency: raw.currency,
    timeZone: raw.timeZone,
    asOf: q.asOf,
    asOfDay,
    period: { from: q.from, to: q.to },
    earliest: q.enforceTier === false ? '0001-01-01' : earliestQueryableDay(tier, asOfDay),
  });
}
