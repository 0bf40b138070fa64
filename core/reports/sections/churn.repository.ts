// The latest churn scoring of a company at or before an instant (what the nightly job stored and /churn
// lists), summed up without naming anyone: counts per risk level, 10-point probability buckets (the same
// edges as charts/ riskBucket), the median, the main factor of critical and high members; and, for the
// chart only, every probability.
import type { Queryable } from '../../db/queryable.ts';

export interface ScoringSummary {
  scoredAt: Date;
  modelRunId: number;
  scored: number;
  levels: { critical: number; high: number; medium: number; low: number };
  buckets: number[];
  medianProbability: number;
  mainFactors: Array<{ feature: string; members: number }>;
}

const latest = `select max(scored_at) as at from churn_predictions where company_id = $1 and scored_at <= $2`;

export async function latestScoringSummary(
  db: Queryable,
  companyId: number,
  asOf: Date,
): Promise<ScoringSummary | null> {
  // One read of the scoring's rows (materialized), then small aggregates over it. Buckets in float8: rounding
  // at 1e-6 absorbs the real column's error, so they agree with riskBucket on the values the client reads.
  const { rows } = await db.query<Record<string, unknown>>(
    `
    with latest as (${latest}),
    scored as materialized (select p.probability, p.risk, p.factors, p.model_run_id from churn_predictions p
      where p.company_id = $1 and p.scored_at = (select at from latest))
    select (select at from latest) as scored_at,
      (select json_build_object('n', count(*), 'run', max(model_run_id), 'median', percentile_disc(0.5) within group (order by probability),
        'critical', count(*) filter (where risk = 'critical'), 'high', count(*) filter (where risk = 'high'),
        'medium', count(*) filter (where risk = 'medium'), 'low', count(*) filter (where risk = 'low')) from scored) as head,
      (select json_object_agg(b, n) from (
        select greatest(0, least(9, ceil(round(probability::float8 * 1000000) / 100000) - 1))::int as b, count(*)::int as n
        from scored group by 1) x) as buckets,
      (select json_agg(json_build_object('feature', f, 'members', n) order by n desc, f) from (
        select factors->0->>'feature' as f, count(*)::int as n from scored
        where risk in ('critical', 'high') and jsonb_array_length(factors) > 0 group by 1) y) as main_factors`,
    [companyId, asOf],
  );
  const r = rows[0];
  if (!r || r.scored_at === null) return null;
  const head = r.head as {
    n: number;
    run: number;
    median: number;
    critical: number;
    high: number;
    medium: number;
    low: number;
  };
  const buckets = (r.buckets ?? {}) as Record<string, number>;
  return {
    scoredAt: r.scored_at as Date,
    modelRunId: Number(head.run),
    scored: head.n,
    levels: { critical: head.critical, high: head.high, medium: head.medium, low: head.low },
    buckets: Array.from({ length: 10 }, (_, i) => buckets[String(i)] ?? 0),
    medianProbability: head.median,
    mainFactors: (r.main_factors ?? []) as Array<{ feature: string; members: number }>,
  };
}

/** Every probability of the latest scoring (the risk chart's input). */
export async function latestProbabilities(db: Queryable, companyId: number, asOf: Date): Promise<number[]> {
  const { rows } = await db.query<{ p: number[] | null }>(
    `select array_agg(probability) as p from churn_predictions where company_id = $1 and scored_at = (${latest})`,
    [companyId, asOf],
  );
  return rows[0]?.p ?? [];
}

export async function modelRunFacts(
  db: Queryable,
  runId: number,
): Promise<{ source: string; algorithm: string; metrics: Record<string, number> } | null> {
  const { rows } = await db.query<{ source: string; algorithm: string; metrics: Record<string, number> }>(
    'select source, algorithm, metrics from churn_model_runs where id = $1',
    [runId],
  );
  const r = rows[0];
  return r ? { source: r.source, algorithm: r.algorithm, metrics: r.metrics ?? {} } : null;
}
