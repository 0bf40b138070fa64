// churn_model_runs: storing a trained model with its validation metrics, and finding the one to score with.
import type { Queryable } from '../db/queryable.ts';
import type { ChurnModel, ModelScope } from './model.ts';

export interface ModelRun {
  id: number;
  /** null for the pooled model. */
  companyId: number | null;
  algorithm: string;
  /** Which link of the scoring chain (model-sources.ts) made it: 'company', 'pooled', 'rules', … */
  source: string;
  trainedAt: Date;
  seed: number;
  metrics: Record<string, number>;
  /** A trained ChurnModel; for the rule-based score, the version of its rules. */
  model: ChurnModel | { version: number; scope: 'rules' };
}

interface RunRow extends Record<string, unknown> {
  id: string;
  company_id: string | null;
  algorithm: string;
  source: string;
  trained_at: Date;
  seed: number;
  metrics: Record<string, number>;
  model: ModelRun['model'];
}

const toRun = (r: RunRow): ModelRun => ({
  id: Number(r.id),
  companyId: r.company_id === null ? null : Number(r.company_id),
  algorithm: r.algorithm,
  source: r.source,
  trainedAt: r.trained_at,
  seed: r.seed,
  metrics: r.metrics,
  model: r.model,
});

export async function saveModelRun(conn: Queryable, run: Omit<ModelRun, 'id'>): Promise<ModelRun> {
  const res = await conn.query<{ id: string }>(
    `insert into churn_model_runs (company_id, algorithm, source, trained_at, seed, metrics, model) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      run.companyId,
      run.algorithm,
      run.source,
      run.trainedAt.toISOString(),
      run.seed,
      JSON.stringify(run.metrics),
      JSON.stringify(run.model),
    ],
  );
  return { ...run, id: Number(res.rows[0]!.id) };
}

const columns = 'id, company_id, algorithm, source, trained_at, seed, metrics, model';

/** The newest trained run at or before asOf: the company's own, or the install-wide one (companyId null: pooled or prior). */
export async function latestModelRun(
  conn: Queryable,
  scope: ModelScope,
  companyId: number,
  asOf: Date,
): Promise<(ModelRun & { model: ChurnModel }) | null> {
  const res = await conn.query<RunRow>(
    `select ${columns} from churn_model_runs
     where ${scope === 'company' ? `company_id = $1 and source = 'company'` : `company_id is null and source in ('pooled', 'prior') and $1::bigint is not null`} and trained_at <= $2
     order by trained_at desc, id desc limit 1`,
    [companyId, asOf.toISOString()],
  );
  return res.rows[0] ? (toRun(res.rows[0]) as ModelRun & { model: ChurnModel }) : null;
}

/** The company's newest rule-based "run" (the rules' version its predictions point at), if any. */
export async function latestRuleRun(conn: Queryable, companyId: number): Promise<ModelRun | null> {
  const res = await conn.query<RunRow>(
    `select ${columns} from churn_model_runs where company_id = $1 and source = 'rules' order by trained_at desc, id desc limit 1`,
    [companyId],
  );
  return res.rows[0] ? toRun(res.rows[0]) : null;
}

export async function modelRunById(conn: Queryable, id: number): Promise<ModelRun | null> {
  const res = await conn.query<RunRow>(`select ${columns} from churn_model_runs where id = $1`, [id]);
  return res.rows[0] ? toRun(res.rows[0]) : null;
}
