// The prior churn model and the install-wide model built on it. The prior is learnt once from many
// simulated worlds (scripts/train-prior.ts writes core/churn/prior/prior-v1.json, versioned in the
// repository with the worlds, seeds and features it saw). An install whose companies have too few outcomes
// for a pooled model of their own starts from it, and the outcomes they do have update it: a Bayesian
// (maximum a posteriori) logistic fit with a Gaussian prior centred on the prior's coefficients
// (prior-fit.ts), rather than a blend weighted by outcome count, because the posterior weighs each feature
// by how much the data actually says about it (a flag no member of the install ever had keeps the prior's
// coefficient; a signal seen thousands of times follows the data). With no outcome at all the model is the
// prior itself; past POOLED_FROM_SCRATCH_CHURNED churned outcomes the install trains the pooled model.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Queryable } from '../db/queryable.ts';
import { featureCount, featureNames } from './features.ts';
import { validationMetrics } from './metrics.ts';
import type { ChurnModel } from './model.ts';
import { fitTowardPrior, type PriorStrength } from './prior-fit.ts';
import { fitStandardizer, standardizeRows } from './standardize.ts';
import {
  installGroups,
  store,
  trainPooledModel,
  type InstallGroup,
  type TrainedModel,
  type TrainRequest,
} from './training.service.ts';

/** The prior's coefficients weigh as much as about 1,400 labelled rows at an 8% churn rate (precision 100
 * = 1,400 x 0.08 x 0.92 per unit-variance feature): a 100-member community's first year of outcomes
 * (about 1,000 rows) moves it part of the way, a 5,000-member one's outweighs it many times. */
export const PRIOR_STRENGTH: PriorStrength = { coefficients: 100, intercept: 1 };
/** From this many churned outcomes in the install, the pooled model is trained from them alone
 * (about 20 churn events per feature: enough to fit twenty coefficients without a prior). */
export const POOLED_FROM_SCRATCH_CHURNED = 400;
/** Newest monthly snapshots held out to validate the updated prior (as the other models: the last 90 days). */
const TEST_SNAPSHOTS = 3;

const priorFileSchema = z.object({
  version: z.literal(1),
  trainedAt: z.string(),
  script: z.string(),
  featureNames: z.array(z.string()),
  standardizer: z.object({ mean: z.array(z.number()), sd: z.array(z.number()), weight: z.number() }),
  logistic: z.object({ intercept: z.number(), coefficients: z.array(z.number()) }),
  ridge: z.number(),
  training: z.object({ rows: z.number(), positives: z.number(), companies: z.number(), auc: z.number() }),
  worlds: z.array(
    z
      .object({ name: z.string(), seed: z.string(), members: z.number(), months: z.number(), endDate: z.string() })
      .passthrough(),
  ),
});
export type PriorFile = z.infer<typeof priorFileSchema>;

export const PRIOR_FILE = new URL('./prior/prior-v1.json', import.meta.url);

let cached: PriorFile | null = null;

/** The versioned prior (read once); refuses one trained on other features. */
/** The shipped prior cannot be used (trained on another feature list): the scoring chain moves on. */
export class PriorUnavailable extends Error {}

export function loadPrior(file: URL = PRIOR_FILE): PriorFile {
  if (file === PRIOR_FILE && cached) return cached;
  const prior = priorFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (prior.featureNames.join() !== featureNames.join() || prior.logistic.coefficients.length !== featureCount) {
    throw new PriorUnavailable(`${file.pathname} was trained on other features; run scripts/train-prior.ts`);
  }
  if (file === PRIOR_FILE) cached = prior;
  return prior;
}

/** A churn model with the prior's statistics and the given coefficients (the prior's own by default). */
export function priorChurnModel(prior: PriorFile, logistic = prior.logistic): ChurnModel {
  return {
    version: 1,
    scope: 'prior',
    algorithm: 'logistic_regression',
    featureNames: [...featureNames],
    standardizer: null,
    prior: prior.standardizer,
    logistic,
    forest: null,
    // A maximum-likelihood (a posteriori) logistic fit is its own calibration: identity.
    calibrator: { kind: 'platt', a: 1, b: 0 },
  };
}

/** Each company-snapshot standardised by its own statistics shrunk toward the prior's, as scoring does. */
function standardized(prior: PriorFile, groups: readonly InstallGroup[]) {
  return groups.flatMap((g) =>
    standardizeRows(fitStandardizer(g.x, featureCount, prior.standardizer), g.x).map((z, i) => ({
      offsetDays: g.offsetDays,
      z,
      label: g.labels[i]!,
    })),
  );
}

/** The prior updated by the install's labelled outcomes, with validation on its newest snapshots when it has them. */
export function updatePrior(
  prior: PriorFile,
  groups: readonly InstallGroup[],
): { model: ChurnModel; metrics: Record<string, number> } {
  const rows = standardized(prior, groups);
  const fit = (rs: typeof rows) =>
    fitTowardPrior(
      rs.map((r) => r.z),
      rs.map((r) => r.label),
      prior.logistic,
      PRIOR_STRENGTH,
    );
  const metrics: Record<string, number> = {
    outcome_rows: rows.length,
    outcome_churned: rows.reduce((s, r) => s + r.label, 0),
  };
  const offsets = [...new Set(rows.map((r) => r.offsetDays))].sort((a, b) => a - b);
  if (offsets.length > TEST_SNAPSHOTS) {
    const testSet = new Set(offsets.slice(0, TEST_SNAPSHOTS));
    const test = rows.filter((r) => testSet.has(r.offsetDays));
    const m = priorChurnModel(prior, fit(rows.filter((r) => !testSet.has(r.offsetDays))));
    const p = test.map(
      (r) =>
        1 / (1 + Math.exp(-(m.logistic.intercept + r.z.reduce((s, v, j) => s + v * m.logistic.coefficients[j]!, 0)))),
    );
    const v = validationMetrics(
      p,
      test.map((r) => r.label),
    );
    if (v.positives > 0 && v.positives < v.n) {
      Object.assign(metrics, {
        auc: v.auc,
        brier: v.brier,
        ece: v.ece,
        precision_at_10: v.precision_at_10,
        n: v.n,
        positives: v.positives,
        test_snapshots: TEST_SNAPSHOTS,
        test_days: offsets[TEST_SNAPSHOTS - 1]!,
      });
    }
  }
  return { model: priorChurnModel(prior, rows.length > 0 ? fit(rows) : prior.logistic), metrics };
}

/** Trains and stores the prior updated by every live company's outcomes in the install (company id null). */
export async function trainPriorModel(
  conn: Queryable,
  req: TrainRequest,
  install?: { companies: number; groups: InstallGroup[] },
): Promise<TrainedModel> {
  const { companies, groups } = install ?? (await installGroups(conn, req));
  const prior = loadPrior();
  const { model, metrics } = updatePrior(prior, groups);
  return store(conn, null, model, req.seed ?? 1, req.asOf, { ...metrics, companies });
}

/**
 * The install-wide model, for companies without their own: the pooled model when the install's outcomes
 * can carry one alone, else the prior updated by them. Takes the place of trainPooledModel in the chain
 * own -> install-wide (pooled, or prior + the install's outcomes).
 */
export async function trainInstallModel(conn: Queryable, req: TrainRequest): Promise<TrainedModel> {
  const install = await installGroups(conn, req);
  const churned = install.groups.reduce((s, g) => s + g.labels.reduce((a, y) => a + y, 0), 0);
  return churned >= POOLED_FROM_SCRATCH_CHURNED
    ? trainPooledModel(conn, req, install)
    : trainPriorModel(conn, req, install);
}
