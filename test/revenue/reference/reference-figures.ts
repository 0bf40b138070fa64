// The figures of a revenue report worked out straight from the reference spans (reduce-spans.ts) and the loaded
// rows, with the definitions of docs/metrics.md (movements, rates, cash, LTV as ChartMogul defines it): no production
// code at all — not the assembly, the rounding, the period arithmetic nor the tier window. The property test
// compares the production report with these, figure by figure.
import type { RawCompany } from './load-rows.ts';
import { customerSpans, localDayNumber, type RefSpan } from './reduce-spans.ts';

const DAY_MS = 86_400_000;
/** The enterprise tier (the random histories' tier) looks back 365 days, today included. */
const ENTERPRISE_HISTORY_DAYS = 365;

export interface PeriodFigures {
  from: string;
  to: string;
  mrrStart: number;
  mrrEnd: number;
  arrEnd: number;
  customersStart: number;
  customersEnd: number;
  movements: {
    new: number;
    reactivation: number;
    expansion: number;
    contraction: number;
    churn: number;
    netNew: number;
  };
  churnedCustomers: number;
  /** Rates and ARPU: null where the denominator is 0. */
  customerChurnRate: number | null;
  grossMrrChurnRate: number | null;
  netMrrChurnRate: number | null;
  quickRatio: number | null;
  netRevenueRetention: number | null;
  arpu: number | null;
  cash: {
    payments: number;
    refunds: number;
    revenue: number;
    refundRate: number | null;
    failed: number;
    failedMinor: number;
    recovered: number;
    recoveredMinor: number;
  };
  pastDueMrr: number;
  pastDueCustomers: number;
}

export interface ReportFigures {
  current: PeriodFigures;
  /** null when the previous period starts before the tier's history. */
  previous: PeriodFigures | null;
  ltv: { months: string[]; monthlyChurnRate: number | null; ltv: number | null };
}

const dayNo = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayStr = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** The first day of the month `k` months after the month of `day` (negative: before). */
const monthShift = (day: string, k: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
};
const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const covers = (s: RefSpan, day: number) => s.from <= day && (s.to === null || s.to > day);

function customersAt(spans: RefSpan[], day: number): RefSpan[] {
  return spans.filter((s) => covers(s, day));
}

function periodFigures(raw: RawCompany, spans: RefSpan[], asOf: number, from: string, to: string): PeriodFigures {
  const f = dayNo(from);
  const t = dayNo(to);
  const atStart = customersAt(spans, f - 1);
  const atEnd = customersAt(spans, t - 1);
  const mrrStart = atStart.reduce((sum, s) => sum + s.mrr, 0);
  const mrrEnd = atEnd.reduce((sum, s) => sum + s.mrr, 0);
  const mv = { new: 0, reactivation: 0, expansion: 0, contraction: 0, churn: 0 };
  for (const s of spans) {
    if (s.from >= f && s.from < t) {
      if (s.prev === 0) mv[s.first ? 'new' : 'reactivation'] += s.mrr;
      else if (s.mrr > s.prev) mv.expansion += s.mrr - s.prev;
      else if (s.mrr < s.prev) mv.contraction += s.prev - s.mrr;
    }
    if (s.to !== null && s.next === 0 && s.to >= f && s.to < t) mv.churn += s.mrr;
  }
  const netNew = mv.new + mv.reactivation + mv.expansion - mv.contraction - mv.churn;
  const churnedCustomers = atStart.filter((s) => s.churnDay !== null && s.churnDay < t).length;
  const endByCustomer = new Map(atEnd.map((s) => [s.cust, s.mrr]));
  const retained = atStart.reduce((sum, s) => sum + (endByCustomer.get(s.cust) ?? 0), 0);
  return {
    from,
    to,
    mrrStart,
    mrrEnd,
    arrEnd: 12 * mrrEnd,
    customersStart: atStart.length,
    customersEnd: atEnd.length,
    movements: { ...mv, netNew },
    churnedCustomers,
    customerChurnRate: rate(churnedCustomers, atStart.length),
    grossMrrChurnRate: rate(mv.churn + mv.contraction, mrrStart),
    netMrrChurnRate: rate(mv.churn + mv.contraction - mv.expansion - mv.reactivation, mrrStart),
    quickRatio: rate(mv.new + mv.reactivation + mv.expansion, mv.churn + mv.contraction),
    netRevenueRetention: rate(retained, mrrStart),
    // MRR per customer, to the cent, an exact half going up.
    arpu: atEnd.length === 0 ? null : Math.floor((2 * mrrEnd + atEnd.length) / (2 * atEnd.length)),
    cash: cash(raw, asOf, f, t),
    pastDueMrr: atEnd.reduce((sum, s) => sum + s.pastDue, 0),
    pastDueCustomers: atEnd.filter((s) => s.pastDue > 0).length,
  };
}

/** Payments and refunds by their local day in [f, t), known by asOf; failed renewals and those paid within 30 days. */
function cash(raw: RawCompany, asOf: number, f: number, t: number): PeriodFigures['cash'] {
  const dayOf = localDayNumber(raw.timeZone);
  const inPeriod = (ms: number) => ms <= asOf && dayOf(ms) >= f && dayOf(ms) < t;
  const ours = raw.payments.filter((p) => p.currency === raw.currency);
  const payments = ours
    .filter((p) => p.paidAt !== null && inPeriod(p.paidAt))
    .reduce((sum, p) => sum + p.amountMinor, 0);
  const refunds = raw.refunds
    .filter((r) => r.status === 'succeeded' && r.currency === raw.currency && inPeriod(r.at))
    .reduce((sum, r) => sum + r.amountMinor, 0);
  const failed = ours.filter((p) => p.failedAt !== null && inPeriod(p.failedAt));
  const recovered = failed.filter((p) =>
    raw.payments.some(
      (q) =>
        q.membershipId !== null &&
        q.membershipId === p.membershipId &&
        q.paidAt !== null &&
        q.paidAt >= p.failedAt! &&
        q.paidAt <= Math.min(p.failedAt! + 30 * DAY_MS, asOf),
    ),
  );
  return {
    payments,
    refunds,
    revenue: payments - refunds,
    refundRate: rate(refunds, payments),
    failed: failed.length,
    failedMinor: failed.reduce((sum, p) => sum + p.amountMinor, 0),
    recovered: recovered.length,
    recoveredMinor: recovered.reduce((sum, p) => sum + p.amountMinor, 0),
  };
}

/** The period just before: as many whole months for a run of whole months, else as many days. */
function previousOf(from: string, to: string): { from: string; to: string } {
  if (from.endsWith('-01') && to.endsWith('-01')) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    return { from: monthShift(from, -months), to: from };
  }
  return { from: dayStr(2 * dayNo(from) - dayNo(to)), to: from };
}

export function referenceFigures(raw: RawCompany, q: { from: string; to: string; asOf: Date }): ReportFigures {
  const asOf = q.asOf.getTime();
  const spans = customerSpans(raw, asOf);
  const earliest = dayStr(localDayNumber(raw.timeZone)(asOf) - (ENTERPRISE_HISTORY_DAYS - 1));
  const current = periodFigures(raw, spans, asOf, q.from, q.to);
  const prev = previousOf(q.from, q.to);
  // LTV: the (up to) 6 full calendar months before the one the period ends in (or before `to` itself when it is
  // a month's first day), inside the history; the rate is the mean of their customer churn rates, months
  // without customers at their start left out.
  const lastEnd = q.to.endsWith('-01') ? q.to : monthShift(q.to, 0);
  const months: string[] = [];
  for (let i = 1; i <= 6 && monthShift(lastEnd, -i) >= earliest; i++) months.unshift(monthShift(lastEnd, -i));
  const monthly = months
    .map((m) => periodFigures(raw, spans, asOf, m, monthShift(m, 1)))
    .filter((p) => p.customersStart > 0);
  const monthlyChurnRate =
    monthly.length === 0
      ? null
      : monthly.reduce((sum, p) => sum + p.churnedCustomers / p.customersStart, 0) / monthly.length;
  const ltv = monthlyChurnRate && current.arpu !== null ? Math.round(current.arpu / monthlyChurnRate) : null;
  return {
    current,
    previous: prev.from >= earliest ? periodFigures(raw, spans, asOf, prev.from, prev.to) : null,
    ltv: { months: monthly.map((p) => p.from), monthlyChurnRate, ltv },
  };
}
