// The serialised churn model (churn_model_runs.model) and how it turns raw features into calibrated
// probabilities. Company models carry their company's standardiser; the pooled model carries only
// pooled statistics (no member or company identities): each company is standardised by its own
// statistics shrunk towards them.
import { calibrate, type Calibrator } from './calibration.ts';
import { featureCount, featureNames, modelInput } from './features.ts';
import { forestVoteShare, type ForestModel } from './forest.ts';
import { logisticLogit, type LogisticFit } from './logistic.ts';
import { fitStandardizer, standardizeRows, type Standardizer, type StandardizerPrior } from './standardize.ts';

export type Algorithm = 'logistic_regression' | 'random_forest';
/** company: its own history; pooled: every company's in the install; prior: the prior (prior.ts) updated by the install's outcomes. */
export type ModelScope = 'company' | 'pooled' | 'prior';

export interface ChurnModel {
  version: 1;
  scope: ModelScope;
  algorithm: Algorithm;
  featureNames: string[];
  /** Company models: the company's statistics. */
  standardizer: Standardizer | null;
  /** Pooled and prior models: statistics a company's own are shrunk towards. */
  prior: StandardizerPrior | null;
  /** Always present: scores (when chosen) and explains every prediction. */
  logistic: LogisticFit;
  forest: ForestModel | null;
  /** Maps the raw score (logit, or vote share) to a probability. */
  calibrator: Calibrator;
}

/** Rows of pseudo-data the pooled statistics count as when standardising one company. */
export const POOLED_PRIOR_WEIGHT = 200;

export function checkModel(model: ChurnModel): void {
  if (model.version !== 1 || model.featureNames.join() !== featureNames.join()) {
    throw new Error('churn model was trained on other features; retrain it');
  }
}

/** Standardised model inputs for one company's raw rows under this model. */
export function standardizeFor(model: ChurnModel, raw: readonly (readonly number[])[]): number[][] {
  const x = raw.map(modelInput);
  const s = model.standardizer ?? fitStandardizer(x, featureCount, model.prior ?? undefined);
  return standardizeRows(s, x);
}

/** Uncalibrated scores: the logistic logit, or the forest's churn vote share. */
export function rawScores(
  model: Pick<ChurnModel, 'algorithm' | 'logistic' | 'forest'>,
  z: readonly (readonly number[])[],
): number[] {
  if (model.algorithm === 'random_forest') {
    if (!model.forest) throw new Error('random forest model without its trees');
    return forestVoteShare(model.forest, z);
  }
  return z.map((row) => logisticLogit(model.logistic, row));
}

export function probabilities(model: ChurnModel, z: readonly (readonly number[])[]): number[] {
  return rawScores(model, z).map((s) => calibrate(model.calibrator, s));
}
