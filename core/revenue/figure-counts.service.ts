// How many memberships (or payments) and customers stand behind each movement and count of the revenue
// answer — the drill-down's totals without its names (docs/metrics.md#drill-down-and-breakdowns), for
// surfaces that may show counts but not members (a shared report link). One statement over the same SQL
// as the drill-down, so the amounts are the report's figures and the counts are the lists' lengths.
import type { Queryable } from '../db/queryable.ts';
import { historyLimit, type Limited } from '../tiers/tier-limits.ts';
import { companyById } from '../companies/company.repository.ts';
import { figureCountsSql } from './drilldown-sql.ts';
import { memberFigures, type MemberFigure } from './figure-names.ts';
import { checkRevenueQuery, type RevenueQuery } from './revenue.service.ts';
import { readLockedRevenueRollup } from './rollup.repository.ts';

export interface FigureCount {
  figure: MemberFigure;
  /** The figure (the sum of its rows). */
  totalMinor: number;
  /** Its rows: memberships for movements and past due, payments for recovered, refunds for refunds. */
  count: number;
  customers: number;
}

const countsSql = figureCountsSql(memberFigures);

export async function memberFigureCounts(
  db: Queryable,
  companyId: number,
  q: RevenueQuery,
): Promise<Limited<FigureCount[]>> {
  const company = await companyById(db, companyId);
  const { period, asOfDay } = checkRevenueQuery(company, q);
  const limit = q.enforceTier !== false ? historyLimit(company.tier, asOfDay, period.from) : null;
  if (limit) return { ok: false, limit };
  const { rows } = await readLockedRevenueRollup(db, companyId, q.asOf, (tx) =>
    tx.query<Record<string, unknown>>(countsSql, [companyId, period.from, period.to, q.asOf]),
  );
  const byFigure = new Map(rows.map((r) => [String(r.figure), r]));
  return {
    ok: true,
    value: memberFigures.map((figure) => {
      const r = byFigure.get(figure);
      return {
        figure,
        totalMinor: Number(r?.total ?? 0),
        count: Number(r?.n ?? 0),
        customers: Number(r?.customers ?? 0),
      };
    }),
  };
}
