// Reads of the latest churn scoring for chat: which scoring is the latest, its probabilities for the risk
// chart, one page of at-risk members, and single predictions for buttons — every query scoped by company.
// (core/churn writes and scores; these are the read shapes the chat answers need.)
import type { Queryable } from '../db/queryable.ts';
import type { RiskLevel } from './risk.ts';
import type { RecommendedAction } from './actions.ts';
import type { RiskFactor } from './explain.ts';

export interface LatestScoring {
  scoredAt: Date;
  modelRunId: number;
  /** `source`: the link of the scoring chain that scored (core/churn/model-sources.ts). */
  model: { algorithm: string; metrics: Record<string, number>; source: string };
  /** Every member's probability in that scoring (for the risk histogram). */
  probabilities: number[];
  counts: Record<RiskLevel, number>;
}

export interface PredictionRow {
  predictionId: number;
  memberId: number;
  name: string | null;
  username: string | null;
  probability: number;
  risk: RiskLevel;
  factors: RiskFactor[];
  actions: RecommendedAction[];
  scoredAt: Date;
  actionedAt: Date | null;
  snoozedUntil: Date | null;
  notAtRisk: boolean;
  /** Where the latest message sent from "Reach out" went ('Whop', 'Discord'), or null when none was. */
  reachedVia: string | null;
}

/** The newest scoring at or before `asOf`, or null when the company has never been scored. */
export async function latestScoring(db: Queryable, companyId: number, asOf: Date): Promise<LatestScoring | null> {
  const head = await db.query<{
    scored_at: Date;
    model_run_id: string;
    algorithm: string;
    metrics: Record<string, number>;
    source: string;
  }>(
    `select p.scored_at, p.model_run_id, r.algorithm, r.metrics, r.source
     from churn_predictions p join churn_model_runs r on r.id = p.model_run_id
     where p.company_id = $1 and p.scored_at <= $2 order by p.scored_at desc, p.id desc limit 1`,
    [companyId, asOf.toISOString()],
  );
  const h = head.rows[0];
  if (!h) return null;
  const all = await db.query<{ probability: number; risk: RiskLevel }>(
    'select probability, risk from churn_predictions where company_id = $1 and scored_at = $2',
    [companyId, h.scored_at],
  );
  const counts: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const r of all.rows) counts[r.risk]++;
  return {
    scoredAt: h.scored_at,
    modelRunId: Number(h.model_run_id),
    model: { algorithm: h.algorithm, metrics: h.metrics, source: h.source },
    probabilities: all.rows.map((r) => r.probability),
    counts,
  };
}

const rowColumns = `p.id, p.member_id, m.name, m.username, p.probability, p.risk, p.factors, p.actions, p.scored_at, p.actioned_at,
  p.snoozed_until, exists (select 1 from churn_feedback f where f.company_id = p.company_id and f.prediction_id = p.id and f.label = 'not_at_risk') as not_at_risk,
  (select case o.channel when 'whop' then 'Whop' else 'Discord' end from churn_outreach o where o.company_id = p.company_id and o.prediction_id = p.id
     and o.status = 'sent' order by o.created_at desc limit 1) as reached_via`;

interface Row extends Record<string, unknown> {
  id: string;
  member_id: string;
  name: string | null;
  username: string | null;
  probability: number;
  risk: RiskLevel;
  factors: RiskFactor[];
  actions: RecommendedAction[];
  scored_at: Date;
  actioned_at: Date | null;
  snoozed_until: Date | null;
  not_at_risk: boolean;
  reached_via: string | null;
}

const toRow = (r: Row): PredictionRow => ({
  predictionId: Number(r.id),
  memberId: Number(r.member_id),
  name: r.name,
  username: r.username,
  probability: r.probability,
  risk: r.risk,
  factors: r.factors ?? [],
  actions: r.actions ?? [],
  scoredAt: r.scored_at,
  actionedAt: r.actioned_at,
  snoozedUntil: r.snoozed_until,
  notAtRisk: r.not_at_risk,
  reachedVia: r.reached_via,
});

/**
 * Members of one scoring at the given risk levels, riskiest first, leaving out those snoozed past `now` and
 * those a creator marked "not at risk" (with `openOnly`, also those already contacted); `offset`/`limit` page
 * through them, `total` counts them all.
 */
export async function atRiskPage(
  db: Queryable,
  companyId: number,
  scoredAt: Date,
  risks: readonly RiskLevel[],
  now: Date,
  page: { offset: number; limit: number; openOnly?: boolean },
): Promise<{ rows: PredictionRow[]; total: number }> {
  const where = `p.company_id = $1 and p.scored_at = $2 and p.risk = any($3::text[])${page.openOnly ? ' and p.actioned_at is null' : ''}
    and (p.snoozed_until is null or p.snoozed_until <= $4)
    and not exists (select 1 from churn_feedback f where f.company_id = p.company_id and f.prediction_id = p.id and f.label = 'not_at_risk')`;
  const values = [companyId, scoredAt, [...risks], now.toISOString()];
  const [rows, total] = await Promise.all([
    db.query<Row>(
      `select ${rowColumns} from churn_predictions p join members m on m.id = p.member_id and m.company_id = p.company_id
      where ${where} order by p.probability desc, p.member_id limit $5 offset $6`,
      [...values, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`select count(*)::int as n from churn_predictions p where ${where}`, values),
  ]);
  return { rows: rows.rows.map(toRow), total: total.rows[0]?.n ?? 0 };
}

/** Predictions by id, only those of this company (ids of another company are simply not found). */
export async function predictionsOf(
  db: Queryable,
  companyId: number,
  ids: readonly number[],
): Promise<PredictionRow[]> {
  if (ids.length === 0) return [];
  const res = await db.query<Row>(
    `select ${rowColumns} from churn_predictions p join members m on m.id = p.member_id and m.company_id = p.company_id
    where p.company_id = $1 and p.id = any($2::bigint[]) order by p.probability desc, p.member_id`,
    [companyId, [...ids]],
  );
  return res.rows.map(toRow);
}
