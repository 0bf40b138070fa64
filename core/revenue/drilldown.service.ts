// Drill-down: the memberships and payments behind any figure of the revenue answer ("which customers made up
// this month's churned MRR?", "which payments made up revenue?"), one row per membership and plan for the
// MRR figures (docs/metrics.md#drill-down-and-breakdowns). The rows' amounts add up to the figure exactly;
// member-level lists are cut to the company tier's cap, the totals still covering everyone. A page of the
// list (offset, limit) is read with the totals in one statement, so a page of a 100k-member list stays cheap.
import type { Queryable } from '../db/queryable.ts';
import { BadInput } from '../errors.ts';
import type { Day, Period } from '../period.ts';
import {
  capMemberList,
  historyLimit,
  MEMBER_LIST_CAP,
  type Limited,
  type TierLimitNotice,
} from '../tiers/tier-limits.ts';
import { companyById } from '../companies/company.repository.ts';
import { drilldownPageSql, revenueFigures, type RevenueFigure } from './drilldown-sql.ts';
import { checkRevenueQuery, type RevenueQuery } from './revenue.service.ts';
import { readLockedRevenueRollup, rebuildRevenueRollup } from './rollup.repository.ts';

export { revenueFigures, type RevenueFigure } from './drilldown-sql.ts';

export interface DrilldownRow {
  memberId: number | null;
  whopUserId: string | null;
  name: string | null;
  username: string | null;
  /** The Whop membership (mem_…); null for a one-time purchase and for churned_customers (people, not memberships). */
  membershipWhopId: string | null;
  planId: number | null;
  /** The plan's title, or its Whop id when it has none. */
  plan: string | null;
  /** The day of the movement, payment, refund or failure; for MRR and past due, the day measured. */
  day: Day;
  /** This row's part of the figure (a movement: this membership's contribution to its customer's movement). */
  amountMinor: number;
  paymentWhopId: string | null;
}

export interface Drilldown {
  figure: RevenueFigure;
  period: Period;
  /** Sum over every row, listed or not: the figure in the report. */
  totalMinor: number;
  /** Rows behind the figure (memberships, payments), listed or not. */
  count: number;
  /** Distinct customers among them. */
  customers: number;
  /** How many rows the tier lets anyone list (count, or the cap). */
  listable: number;
  /** Index of rows[0] in the whole list. */
  offset: number;
  /** Largest first. */
  rows: DrilldownRow[];
  limit: TierLimitNotice | null;
}

export interface DrilldownQuery extends RevenueQuery {
  figure: string;
  /** A page of the list: skip `offset` rows, list at most `limit` (default: every listable row). */
  offset?: number;
  limit?: number;
}

const fromRollup: ReadonlySet<RevenueFigure> = new Set([
  'new',
  'reactivation',
  'expansion',
  'contraction',
  'churn',
  'churned_customers',
  'mrr_start',
  'mrr_end',
  'past_due',
]);

function checkPage(value: number | undefined, what: string): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw new BadInput(`${what} must be a whole number of 0 or more`);
  return value;
}

export function parseRevenueFigure(value: string): RevenueFigure {
  if (!(revenueFigures as string[]).includes(value))
    throw new BadInput(`unknown figure ${JSON.stringify(value)}; one of ${revenueFigures.join(', ')}`);
  return value as RevenueFigure;
}

export async function revenueDrilldown(
  db: Queryable,
  companyId: number,
  q: DrilldownQuery,
): Promise<Limited<Drilldown>> {
  const figure = parseRevenueFigure(q.figure);
  const offset = checkPage(q.offset, 'offset') ?? 0;
  const limit = checkPage(q.limit, 'limit');
  const company = await companyById(db, companyId);
  const { period, asOfDay } = checkRevenueQuery(company, q);
  const enforce = q.enforceTier !== false;
  const history = enforce ? historyLimit(company.tier, asOfDay, period.from) : null;
  if (history) return { ok: false, limit: history };
  const cap = enforce ? MEMBER_LIST_CAP[company.tier] : null;
  const end = Math.min(limit === null ? Infinity : offset + limit, cap ?? Infinity);
  const sql = drilldownPageSql(figure);
  const params = [
    companyId,
    period.from,
    period.to,
    q.asOf,
    offset,
    Number.isFinite(end) ? Math.max(0, end - offset) : null,
  ];
  // Figures from the rollup are read under its lock, so a concurrent rebuild as of another instant cannot interleave.
  if (q.rebuild) await rebuildRevenueRollup(db, companyId, q.asOf);
  const { rows } = fromRollup.has(figure)
    ? await readLockedRevenueRollup(db, companyId, q.asOf, (tx) => tx.query<Record<string, unknown>>(sql, params))
    : await db.query<Record<string, unknown>>(sql, params);
  const count = Number(rows[0]?.n ?? 0);
  const listed = rows
    .filter((r) => r.day !== null)
    .map(
      (r): DrilldownRow => ({
        memberId: r.member_id === null ? null : Number(r.member_id),
        whopUserId: (r.whop_user_id as string | null) ?? null,
        name: (r.name as string | null) ?? null,
        username: (r.username as string | null) ?? null,
        membershipWhopId: (r.membership_whop_id as string | null) ?? null,
        planId: r.plan_id === null ? null : Number(r.plan_id),
        plan: (r.plan as string | null) ?? null,
        day: String(r.day),
        amountMinor: Number(r.amount_minor),
        paymentWhopId: (r.payment_whop_id as string | null) ?? null,
      }),
    );
  // The tier's sentence when the list is cut (capMemberList words it; the rows themselves were cut in SQL).
  const limitNotice = cap !== null && count > cap ? capMemberList(company.tier, new Array<null>(count)).limit : null;
  return {
    ok: true,
    value: {
      figure,
      period,
      totalMinor: Number(rows[0]?.total ?? 0),
      count,
      customers: Number(rows[0]?.customers ?? 0),
      listable: cap === null ? count : Math.min(cap, count),
      offset,
      rows: listed,
      limit: limitNotice,
    },
  };
}
