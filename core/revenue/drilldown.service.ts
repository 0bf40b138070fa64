// Drill-down: the members and payments behind any figure of the revenue answer ("which customers made up
// this month's churned MRR?", "which payments made up revenue?"). The rows' amounts add up to the figure;
// member-level lists are cut to the company tier's cap, the total still covering everyone.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import type { Day, Period } from '../period.ts';
import { capMemberList, historyLimit, type Limited, type TierLimitNotice } from '../tiers/tier-limits.ts';
import { findRevenueCompany } from './company.repository.ts';
import { drilldownSql, revenueFigures, type RevenueFigure } from './drilldown-sql.ts';
import { checkRevenueQuery, type RevenueQuery } from './revenue.service.ts';
import { readLockedRevenueRollup, rebuildRevenueRollup } from './rollup.repository.ts';

export { revenueFigures, type RevenueFigure } from './drilldown-sql.ts';

export interface DrilldownRow {
  memberId: number | null;
  whopUserId: string | null;
  name: string | null;
  /** The day of the movement, payment, refund or failure; for MRR and past due, the day measured. */
  day: Day;
  amountMinor: number;
  paymentWhopId: string | null;
}

export interface Drilldown {
  figure: RevenueFigure;
  period: Period;
  /** Sum over every row, listed or not: the figure in the report. */
  totalMinor: number;
  count: number;
  /** Largest first. */
  rows: DrilldownRow[];
  limit: TierLimitNotice | null;
}

const fromRollup: ReadonlySet<RevenueFigure> = new Set(['new', 'reactivation', 'expansion', 'contraction', 'churn', 'churned_customers', 'mrr_start', 'mrr_end', 'past_due']);

export async function revenueDrilldown(db: Queryable, companyId: number, q: RevenueQuery & { figure: string }): Promise<Limited<Drilldown>> {
  if (!(revenueFigures as string[]).includes(q.figure)) throw new BadInput(`unknown figure ${JSON.stringify(q.figure)}; one of ${revenueFigures.join(', ')}`);
  const figure = q.figure as RevenueFigure;
  const company = await findRevenueCompany(db, companyId);
  const { period, asOfDay } = checkRevenueQuery(company, q);
  const enforce = q.enforceTier !== false;
  const history = enforce ? historyLimit(company.tier, asOfDay, period.from) : null;
  if (history) return { ok: false, limit: history };
  const sql = `select d.member_id, to_char(d.day, 'YYYY-MM-DD') as day, d.amount_minor, d.payment_whop_id, m.whop_user_id, m.name
     from (${drilldownSql[figure]}) d left join members m on m.id = d.member_id and m.company_id = $1
     where $2::date < $3::date and $4::timestamptz is not null
     order by d.amount_minor desc, d.day, m.whop_user_id, d.payment_whop_id`;
  const params = [companyId, period.from, period.to, q.asOf];
  // Figures from the rollup are read under its lock, so a concurrent rebuild as of another instant cannot interleave.
  if (q.rebuild) await rebuildRevenueRollup(db, companyId, q.asOf);
  const { rows } = fromRollup.has(figure)
    ? await readLockedRevenueRollup(db, companyId, q.asOf, (tx) => tx.query<Record<string, unknown>>(sql, params))
    : await db.query<Record<string, unknown>>(sql, params);
  const all: DrilldownRow[] = rows.map((r) => ({
    memberId: r.member_id === null ? null : Number(r.member_id), whopUserId: (r.whop_user_id as string | null) ?? null,
    name: (r.name as string | null) ?? null, day: String(r.day), amountMinor: Number(r.amount_minor), paymentWhopId: (r.payment_whop_id as string | null) ?? null,
  }));
  const capped = enforce ? capMemberList(company.tier, all) : { rows: all, limit: null };
  return {
    ok: true,
    value: { figure, period, totalMinor: all.reduce((sum, r) => sum + r.amountMinor, 0), count: all.length, rows: capped.rows, limit: capped.limit },
  };
}
