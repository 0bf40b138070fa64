// The reduce half of load-and-reduce, step 1: each customer's MRR as spans of local days, computed in JS from
// the loaded rows with the rules of docs/metrics.md#mrr (see core/revenue/rollup-sql.ts for the same rules in SQL).
import type { RawCompany } from './load-rows.ts';

const DAY_MS = 86_400_000;
const GRACE_MS = 30 * DAY_MS;
const LATE_RENEWAL_MS = DAY_MS;

/**
 * A subscription's MRR by the metric definition, written out here rather than imported: the price over its
 * months, the usual periods snapped to whole months (28-31 days one, 89-92 three, 180-184 six, 360-366 twelve),
 * any other period price * 365 / 12 / days; whole cents, an exact half going up.
 */
function monthlyValue(priceMinor: number, days: number): number {
  const snapped = [
    [28, 31, 1],
    [89, 92, 3],
    [180, 184, 6],
    [360, 366, 12],
  ].find(([lo, hi]) => days >= lo! && days <= hi!);
  const [n, d] = snapped ? [priceMinor, snapped[2]!] : [priceMinor * 365, 12 * days];
  return Math.floor((2 * n + d) / (2 * d));
}

export interface RefSpan {
  cust: number;
  from: number;
  to: number | null;
  mrr: number;
  pastDue: number;
  prev: number;
  next: number | null;
  first: boolean;
  churnDay: number | null;
}

/** Local calendar day (days since 1970-01-01) of an instant in a time zone, cached per quarter hour. */
export function localDayNumber(timeZone: string): (ms: number) => number {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, number>();
  return (ms) => {
    const key = Math.floor(ms / 900_000);
    let day = cache.get(key);
    if (day === undefined) {
      day = Date.parse(`${f.format(new Date(ms))}T00:00:00Z`) / DAY_MS;
      cache.set(key, day);
    }
    return day;
  };
}

interface Ev {
  t: number;
  fail: boolean;
  id: number;
  cust: number;
  mrr: number;
  days: number;
  refundAt: number | null;
  endedAt: number | null;
}
interface Interval {
  cust: number;
  mrr: number;
  ds: number;
  de: number | null;
  gs: number | null;
}

function subscriptionEvents(raw: RawCompany, asOf: number): Map<number, Ev[]> {
  const bySub = new Map<number, Ev[]>();
  for (const p of raw.payments) {
    if (p.currency !== raw.currency || p.kind === 'one_time' || p.membershipId === null) continue;
    const m = raw.memberships.get(p.membershipId);
    const plan = m && raw.plans.get(p.planId ?? m.planId);
    if (!m || !plan?.recurring) continue;
    const value =
      p.billingReason === 'subscription_update'
        ? plan.renewalPriceMinor
        : p.kind === 'initial'
          ? Math.min(p.amountMinor, plan.renewalPriceMinor)
          : p.amountMinor;
    const endedAt = m.endedAt !== null && m.endedAt <= asOf ? m.endedAt : null;
    const refundAt =
      p.refundedAt !== null && p.refundedAt <= asOf && p.refundedAmountMinor >= p.amountMinor ? p.refundedAt : null;
    const list = bySub.get(p.membershipId) ?? [];
    bySub.set(p.membershipId, list);
    const base = {
      id: p.id,
      cust: m.memberId,
      mrr: monthlyValue(value, plan.days),
      days: plan.days,
      refundAt,
      endedAt,
    };
    if (p.paidAt !== null && p.paidAt <= asOf) list.push({ ...base, t: p.paidAt, fail: false });
    if (p.failedAt !== null && p.failedAt <= asOf) list.push({ ...base, t: p.failedAt, fail: true });
  }
  return bySub;
}

function intervals(raw: RawCompany, asOf: number, dayOf: (ms: number) => number): Interval[] {
  const out: Interval[] = [];
  for (const evs of subscriptionEvents(raw, asOf).values()) {
    evs.sort((a, b) => a.t - b.t || Number(a.fail) - Number(b.fail) || a.id - b.id);
    for (let i = 0; i < evs.length; i++) {
      const s = evs[i]!;
      if (s.fail || s.mrr <= 0) continue;
      const nextS = evs.slice(i + 1).find((x) => !x.fail)?.t ?? null;
      const failAt = evs[i + 1]?.fail ? evs[i + 1]!.t : null;
      const nat = s.t + s.days * DAY_MS;
      const cut = Math.min(nat, nextS ?? Infinity, s.refundAt ?? Infinity, s.endedAt ?? Infinity);
      let e: number;
      if (cut < nat) e = cut;
      else if (nextS !== null && nextS <= nat + LATE_RENEWAL_MS) e = nextS;
      else if (failAt === null || failAt > nat + GRACE_MS) e = nat;
      else if (nextS !== null && nextS <= failAt + GRACE_MS) e = nextS;
      else if (s.endedAt !== null && s.endedAt < failAt + GRACE_MS) e = s.endedAt;
      else if (nextS === null && s.endedAt === null && asOf < failAt + GRACE_MS) e = Infinity;
      else e = nat;
      const ds = dayOf(s.t);
      const de = e > asOf ? null : dayOf(e);
      let gs = e > nat && nat <= asOf && failAt !== null ? dayOf(nat) : null;
      if (gs !== null && de !== null && gs >= de) gs = null;
      if (de === null || de > ds) out.push({ cust: s.cust, mrr: s.mrr, ds, de, gs });
    }
  }
  return out;
}

export function customerSpans(raw: RawCompany, asOf: number): RefSpan[] {
  const dayOf = localDayNumber(raw.timeZone);
  const deltas = new Map<number, Map<number, [number, number]>>();
  const add = (cust: number, day: number, dm: number, dp: number) => {
    let days = deltas.get(cust);
    if (!days) deltas.set(cust, (days = new Map()));
    const d = days.get(day) ?? [0, 0];
    days.set(day, [d[0] + dm, d[1] + dp]);
  };
  for (const iv of intervals(raw, asOf, dayOf)) {
    add(iv.cust, iv.ds, iv.mrr, 0);
    if (iv.de !== null) add(iv.cust, iv.de, -iv.mrr, 0);
    if (iv.gs !== null) add(iv.cust, iv.gs, 0, iv.mrr);
    if (iv.gs !== null && iv.de !== null) add(iv.cust, iv.de, 0, -iv.mrr);
  }
  const spans: RefSpan[] = [];
  for (const [cust, days] of deltas) {
    const rows = [...days].filter(([, d]) => d[0] !== 0 || d[1] !== 0).sort((a, b) => a[0] - b[0]);
    let mrr = 0;
    let pd = 0;
    const states = rows.map(([day, [dm, dp]]) => ({ day, mrr: (mrr += dm), pd: (pd += dp) }));
    states.forEach((st, i) => {
      if (st.mrr <= 0) return;
      const churn = states.slice(i).find((x) => x.mrr === 0);
      spans.push({
        cust,
        from: st.day,
        to: states[i + 1]?.day ?? null,
        mrr: st.mrr,
        pastDue: st.pd,
        prev: states[i - 1]?.mrr ?? 0,
        next: states[i + 1]?.mrr ?? null,
        first: i === 0,
        churnDay: churn?.day ?? null,
      });
    });
  }
  return spans;
}
