// The members the churn model put most at risk in its latest scoring of a company (by asOf), with the reasons
// and actions stored with each prediction. Counts cover the whole scoring (as /churn and the report pages
// count it); the member list leaves out snoozed predictions (as /churn's list does). Scoped by company id.
import type { Queryable } from '../db/queryable.ts';
import type { RiskLevel } from '../churn/index.ts';

export interface AtRiskRow {
  memberId: number;
  name: string | null;
  username: string | null;
  probability: number;
  risk: RiskLevel;
  reasons: string[];
  actions: string[];
}

export interface LatestScoring {
  scoredAt: Date | null;
  counts: Record<RiskLevel, number>;
  /** Riskiest first, at most `limit`, low risk left out. */
  members: AtRiskRow[];
}

interface Row extends Record<string, unknown> {
  member_id: number;
  name: string | null;
  username: string | null;
  probability: number;
  risk: RiskLevel;
  factors: unknown;
  actions: unknown;
}

/** The `key` strings of a stored jsonb list (factor sentences, action texts); anything else is skipped. */
const texts = (list: unknown, key: string): string[] =>
  (Array.isArray(list) ? list : [])
    .map((x: unknown) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[key] : undefined))
    .filter((t): t is string => typeof t === 'string');

export async function latestScoring(
  db: Queryable,
  companyId: number,
  asOf: Date,
  limit: number,
): Promise<LatestScoring> {
  const [members, counts] = await Promise.all([
    db.query<Row>(
      `with latest as (select max(scored_at) as at from churn_predictions where company_id = $1 and scored_at <= $2)
       select p.member_id::int as member_id, m.name, m.username, p.probability, p.risk, p.factors, p.actions
       from churn_predictions p join latest l on p.scored_at = l.at
       join members m on m.id = p.member_id and m.company_id = $1
       where p.company_id = $1 and p.risk <> 'low' and (p.snoozed_until is null or p.snoozed_until <= $2)
       order by p.probability desc, p.member_id
       limit $3`,
      [companyId, asOf, limit],
    ),
    db.query<{ risk: RiskLevel; n: number; at: Date | null }>(
      `with latest as (select max(scored_at) as at from churn_predictions where company_id = $1 and scored_at <= $2)
       select p.risk, count(*)::int as n, max(l.at) as at from churn_predictions p join latest l on p.scored_at = l.at
       where p.company_id = $1 group by p.risk`,
      [companyId, asOf],
    ),
  ]);
  const byRisk: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const r of counts.rows) byRisk[r.risk] = r.n;
  return {
    scoredAt: counts.rows[0]?.at ?? null,
    counts: byRisk,
    members: members.rows.map((r) => ({
      memberId: r.member_id,
      name: r.name,
      username: r.username,
      probability: r.probability,
      risk: r.risk,
      reasons: texts(r.factors, 'sentence'),
      actions: texts(r.actions, 'text'),
    })),
  };
}
