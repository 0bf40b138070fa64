// Fixture builders beyond test/helpers/fixtures.ts for engagement tests: churn predictions (with the model run
// they belong to) and local times written with their UTC offset.
import type { Limited } from '../../core/tiers/tier-limits.ts';
import { insertRow, iso, type Sql, type When } from './fixture-rows.ts';

export interface PredictionOpts {
  scoredAt: When;
  risk: 'critical' | 'high' | 'medium' | 'low';
  /** Default: a value inside the risk level's band (docs/metrics.md#churn-risk: critical > 0.7, high > 0.5, medium > 0.3). */
  probability?: number;
}

const bandProbability = { critical: 0.8, high: 0.6, medium: 0.4, low: 0.1 } as const;
/** Model run per connection and company (ids repeat across test databases). */
const runs = new WeakMap<Sql, Map<number, number>>();

/** A churn prediction for a member; one model run per company is created on first use. */
export async function prediction(sql: Sql, companyId: number, memberId: number, opts: PredictionOpts): Promise<number> {
  const byCompany = runs.get(sql) ?? new Map<number, number>();
  runs.set(sql, byCompany);
  let runId = byCompany.get(companyId);
  if (runId === undefined) {
    runId = await insertRow(sql, 'churn_model_runs', {
      company_id: companyId,
      algorithm: 'fixture',
      source: 'company',
      trained_at: iso(opts.scoredAt),
      seed: 1,
      metrics: '{}',
      model: '{}',
    });
    byCompany.set(companyId, runId);
  }
  return insertRow(sql, 'churn_predictions', {
    company_id: companyId,
    member_id: memberId,
    model_run_id: runId,
    scored_at: iso(opts.scoredAt),
    probability: opts.probability ?? bandProbability[opts.risk],
    risk: opts.risk,
    factors: '[]',
    actions: '[]',
    window_ends_at: iso(new Date(new Date(iso(opts.scoredAt)!).getTime() + 30 * 86_400_000)),
  });
}

/** An instant given as a local date and time with the zone's UTC offset, e.g. local('2026-03-01', '23:30', '-05:00'). */
export function local(day: string, time: string, offset: string): string {
  return `${day}T${time}:00${offset}`;
}

/** The value of a tier-limited answer; throws the limit's message when it was refused. */
export function unwrap<T>(answer: Limited<T>): T {
  if (!answer.ok) throw new Error(answer.limit.message);
  return answer.value;
}
