// churn_model_runs: storing a trained model with its validation metrics, and finding the one to score with.
import type { Queryable } from '../db/queryable.ts';
import type { ChurnModel, ModelScope } from './model.ts';

export interface ModelRun {
  id: number;
  /** null for the pooled model. */
  companyId: number | null;
  algorithm: string;
  trainedAt: Date;
  seed: number;
  metrics: Record<string, number>;
  model: ChurnModel;
}

interface RunRow extends Record<string, unknown> {
  id: string; company_id: string | null; algorithm: string; trained_at: Date; seed: number; metrics: Record<string, number>; model: ChurnModel;
}

const toRun = (r: RunRow): ModelRun => ({
  id: Number(r.id), companyId: r.company_id === null ? null : Number(r.company_id), algorithm: r.algorithm,
  trainedAt: r.trained_at, seed: r.seed, metrics: r.metrics, model: r.model,
});

export async function saveModelRun(conn: Queryable, run: Omit<ModelRun, 'id'>): Promise<ModelRun> {
  const res = await conn.query<{ id: string }>(
    `insert into churn_model_runs (company_id, algorithm, trained_at, seed, metrics, model) values ($1, $2, $3, $4, $5, $6) returning id`,
    [run.companyId, run.algorithm, run.trainedAt.toISOString(), run.seed, JSON.stringify(run.metrics), JSON.stringify(run.model)]);
  return { ...run, id: Number(res.rows[0]!.id) };
}

/** The newest run trained at or before asOf: the company's own, or the pooled one (companyId null). */
export async function latestModelRun(conn: Queryable, scope: ModelScope, companyId: number, asOf: Date): Promise<ModelRun | null> {
  const res = await conn.query<RunRow>(
    `select id, company_id, algorithm, trained_at, seed, metrics, model from churn_model_runs
     where ${scope === 'company' ? 'company_id = $1' : 'company_id is null and $1::bigint is not null'} and trained_at <= $2
     order by trained_at desc, id desc limit 1`, [companyId, asOf.toISOString()]);
  return res.rows[0] ? toRun(res.rows[0]) : null;
}

export async function modelRunById(conn: Queryable, id: number): Promise<ModelRun | null> {
  const res = await conn.query<RunRow>('select id, company_id, algorithm, trained_at, seed, metrics, model from churn_model_runs where id = $1', [id]);
  return res.rows[0] ? toRun(res.rows[0]) : null;
}
