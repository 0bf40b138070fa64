// Training orchestration: a company's own model from its monthly snapshots (plus creators' "not at risk"
// feedback as labels), or the pooled model from every company's snapshots, each company standardised by
// its own statistics so no identity or scale crosses tenants. Stores the run; deterministic per seed.
import type { Queryable } from '../db/queryable.ts';
import { describeModel, flattenValidation } from './describe.ts';
import { feedbackRows } from './feedback.repository.ts';
import { featureCount, modelInput } from './features.ts';
import { snapshotFeatures, type SnapshotRow } from './features.repository.ts';
import { POOLED_PRIOR_WEIGHT, type ChurnModel, type ModelScope } from './model.ts';
import { saveModelRun, type ModelRun } from './runs.repository.ts';
import { fitStandardizer, standardizeRows, type StandardizerPrior } from './standardize.ts';
import { InsufficientHistory, trainChurnModel, type LabelledRow, type TrainOptions } from './train.ts';
import { liveCompanyIds } from '../companies/company.repository.ts';

export interface TrainRequest {
  asOf: Date;
  seed?: number;
  /** Monthly (30-day) snapshots to learn from (default 12). */
  snapshots?: number;
  /** Passed through to the trainer (tests and benchmarks). */
  tuning?: Pick<TrainOptions, 'logisticMaxRows' | 'skipForest' | 'testSnapshots'>;
}

export interface TrainedModel {
  run: ModelRun & { model: ChurnModel };
  scope: ModelScope;
  sentence: string;
}

/** A company needs this much labelled history for a model of its own. */
export const COMPANY_MODEL_MINIMUM = { snapshots: 4, membersAtNewest: 150, churned: 40 };

export const snapshotOffsets = (count: number) => Array.from({ length: count }, (_, i) => 30 * (i + 1));

export function labelled(rows: readonly SnapshotRow[]): SnapshotRow[] {
  return rows.filter((r) => r.churned !== null);
}

/** Why the company's history is too thin for its own model, or null when it is enough. */
export function tooSmallForOwnModel(rows: readonly SnapshotRow[]): string | null {
  const offsets = [...new Set(rows.map((r) => r.offsetDays))].sort((a, b) => a - b);
  const newest = rows.filter((r) => r.offsetDays === offsets[0]).length;
  const churned = rows.filter((r) => r.churned).length;
  const m = COMPANY_MODEL_MINIMUM;
  if (offsets.length < m.snapshots) return `${offsets.length} monthly snapshots (needs ${m.snapshots})`;
  if (newest < m.membersAtNewest) return `${newest} paying members a month ago (needs ${m.membersAtNewest})`;
  if (churned < m.churned) return `${churned} churned members in its history (needs ${m.churned})`;
  return null;
}

export async function store(
  conn: Queryable,
  companyId: number | null,
  model: ChurnModel,
  seed: number,
  asOf: Date,
  metrics: Record<string, number>,
): Promise<TrainedModel> {
  const run = {
    ...(await saveModelRun(conn, {
      companyId,
      algorithm: model.algorithm,
      source: model.scope,
      trainedAt: asOf,
      seed,
      metrics,
      model,
    })),
    model,
  };
  return { run, scope: model.scope, sentence: describeModel(model.scope, model.algorithm, metrics) };
}

export async function trainCompanyModel(conn: Queryable, companyId: number, req: TrainRequest): Promise<TrainedModel> {
  const seed = req.seed ?? 1;
  const rows = labelled(await snapshotFeatures(conn, companyId, req.asOf, snapshotOffsets(req.snapshots ?? 12)));
  const reason = tooSmallForOwnModel(rows);
  if (reason) throw new InsufficientHistory(`company ${companyId}: ${reason}`);
  const feedback = await feedbackRows(conn, companyId, req.asOf);
  const x = rows.map((r) => modelInput(r.raw));
  const standardizer = fitStandardizer(x, featureCount);
  const toLabelled = (rs: readonly SnapshotRow[], xs: number[][]): LabelledRow[] =>
    standardizeRows(standardizer, xs).map((z, i) => ({
      offsetDays: rs[i]!.offsetDays,
      z,
      label: rs[i]!.churned ? 1 : 0,
    }));
  const { model, validation } = trainChurnModel(toLabelled(rows, x), {
    ...req.tuning,
    seed,
    scope: 'company',
    standardizer,
    prior: null,
    extraFitRows: toLabelled(
      feedback,
      feedback.map((r) => modelInput(r.raw)),
    ),
  });
  return store(
    conn,
    companyId,
    model,
    seed,
    req.asOf,
    flattenValidation(validation, { feedback_rows: feedback.length }),
  );
}

/** Pooled statistics: mean and sd of every company's rows together (aggregates only). */
function pooledPrior(groups: readonly number[][][]): StandardizerPrior {
  return { ...fitStandardizer(groups.flat(), featureCount), weight: POOLED_PRIOR_WEIGHT };
}

/** One company's labelled rows at one snapshot: model inputs and labels, no ids at all. */
export interface InstallGroup {
  offsetDays: number;
  x: number[][];
  labels: number[];
}

/** Every live company's labelled snapshots in the install, per company and snapshot. */
export async function installGroups(
  conn: Queryable,
  req: TrainRequest,
): Promise<{ companies: number; groups: InstallGroup[] }> {
  // A company that uninstalled or asked to be erased no longer lends its history to anyone's model.
  const companies = await liveCompanyIds(conn);
  const groups: InstallGroup[] = [];
  for (const id of companies) {
    const rows = labelled(await snapshotFeatures(conn, Number(id), req.asOf, snapshotOffsets(req.snapshots ?? 12)));
    for (const offsetDays of new Set(rows.map((r) => r.offsetDays))) {
      const part = rows.filter((r) => r.offsetDays === offsetDays);
      groups.push({ offsetDays, x: part.map((r) => modelInput(r.raw)), labels: part.map((r) => (r.churned ? 1 : 0)) });
    }
  }
  return { companies: companies.length, groups };
}

export async function trainPooledModel(
  conn: Queryable,
  req: TrainRequest,
  install?: { companies: number; groups: InstallGroup[] },
): Promise<TrainedModel> {
  const seed = req.seed ?? 1;
  const { companies, groups } = install ?? (await installGroups(conn, req));
  const prior = pooledPrior(groups.map((g) => g.x));
  const rows: LabelledRow[] = groups.flatMap((g) =>
    standardizeRows(fitStandardizer(g.x, featureCount, prior), g.x).map((z, i) => ({
      offsetDays: g.offsetDays,
      z,
      label: g.labels[i]!,
    })),
  );
  if (rows.length === 0) throw new InsufficientHistory('no company has labelled history yet');
  const { model, validation } = trainChurnModel(rows, {
    ...req.tuning,
    seed,
    scope: 'pooled',
    standardizer: null,
    prior,
  });
  return store(conn, null, model, seed, req.asOf, flattenValidation(validation, { companies }));
}
