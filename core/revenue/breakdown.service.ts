// Revenue by plan or by product for a period (docs/metrics.md#drill-down-and-breakdowns): MRR at the start
// and end, the five movements, customers and ARPU per plan (or product), from the revenue rollup as of
// `asOf`. MRR and every movement add up over the rows to the company's figures exactly; customers do not
// (a customer paying on two plans is a customer of each), so the company's own count comes with them.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import type { Period } from '../period.ts';
import { historyLimit, type Limited } from '../tiers/tier-limits.ts';
import { companyRevenueTotalsSql, segmentRevenueSql } from './breakdown-sql.ts';
import { companyById } from '../companies/company.repository.ts';
import { moneyPer, type Figure } from './figure.ts';
import { checkRevenueQuery, type RevenueQuery } from './revenue.service.ts';
import { readLockedRevenueRollup } from './rollup.repository.ts';
import type { MrrMovements } from './types.ts';

export const breakdownKinds = ['plan', 'product'] as const;
export type RevenueBreakdownBy = (typeof breakdownKinds)[number];

export interface SegmentRevenue {
  /** plans.id or products.id; null for the plans that belong to no product. */
  id: number | null;
  whopId: string | null;
  /** The plan's title (its Whop id when untitled) or the product's; "No product" for plans without one. */
  title: string;
  /** A plan's product title (null for products and for plans without one). */
  product: string | null;
  mrrStartMinor: number;
  mrrEndMinor: number;
  customersStart: number;
  customersEnd: number;
  movements: MrrMovements;
  /**
   * MRR moved in (+) or out (-) by customers who changed plan (or product) beyond their own movement; 0 over
   * all rows. mrrEndMinor = mrrStartMinor + movements.netNewMinor + movedMinor.
   */
  movedMinor: number;
  /** mrrEndMinor / customersEnd. */
  arpuMinor: Figure;
}

export interface RevenueBreakdown {
  by: RevenueBreakdownBy;
  period: Period;
  currency: string;
  asOf: Date;
  /** Largest MRR at the end first. */
  rows: SegmentRevenue[];
  /** The company's figures: rows' MRR and movements add up to these; customers are distinct people. */
  total: {
    mrrStartMinor: number;
    mrrEndMinor: number;
    customersStart: number;
    customersEnd: number;
    movements: MrrMovements;
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

function movements(r: Row): MrrMovements {
  const m = {
    newMinor: num(r.new_),
    reactivationMinor: num(r.react),
    expansionMinor: num(r.exp),
    contractionMinor: num(r.contr),
    churnMinor: num(r.churn),
  };
  return { ...m, netNewMinor: m.newMinor + m.reactivationMinor + m.expansionMinor - m.contractionMinor - m.churnMinor };
}

export function parseBreakdownBy(value: unknown): RevenueBreakdownBy {
  if (typeof value === 'string' && (breakdownKinds as readonly string[]).includes(value))
    return value as RevenueBreakdownBy;
  throw new BadInput(`by must be ${breakdownKinds.join(' or ')}, not ${JSON.stringify(value)}`);
}

export async function revenueBreakdown(
  db: Queryable,
  companyId: number,
  q: RevenueQuery & { by: string },
): Promise<Limited<RevenueBreakdown>> {
  const by = parseBreakdownBy(q.by);
  const company = await companyById(db, companyId);
  const { period, asOfDay } = checkRevenueQuery(company, q);
  const limit = q.enforceTier !== false ? historyLimit(company.tier, asOfDay, period.from) : null;
  if (limit) return { ok: false, limit };
  const [segments, totals] = await readLockedRevenueRollup(db, companyId, q.asOf, (tx) =>
    Promise.all([
      tx.query<Row>(segmentRevenueSql, [companyId, by, period.from, period.to]),
      tx.query<Row>(companyRevenueTotalsSql, [companyId, period.from, period.to]),
    ]),
  );
  const rows = segments.rows.map((r): SegmentRevenue => {
    const id = num(r.id);
    const customersEnd = num(r.customers_end);
    return {
      id: by === 'product' && id === 0 ? null : id,
      whopId: (r.whop_id as string | null) ?? null,
      title: (r.title as string | null) ?? 'No product',
      product: (r.product as string | null) ?? null,
      mrrStartMinor: num(r.mrr_start),
      mrrEndMinor: num(r.mrr_end),
      customersStart: num(r.customers_start),
      customersEnd,
      movements: movements(r),
      movedMinor: num(r.moved),
      arpuMinor: moneyPer(num(r.mrr_end), customersEnd, `no paying customers on this ${by} at the period's end`),
    };
  });
  const t = totals.rows[0] ?? {};
  return {
    ok: true,
    value: {
      by,
      period,
      currency: company.currency,
      asOf: q.asOf,
      rows,
      total: {
        mrrStartMinor: num(t.mrr_start),
        mrrEndMinor: num(t.mrr_end),
        customersStart: num(t.customers_start),
        customersEnd: num(t.customers_end),
        movements: movements(t),
      },
    },
  };
}
