// The plain baseline a shipped churn model must beat on every simulated world (docs/benchmarks.md,
// churn-worlds): logistic regression on ten obvious features, standardised by the company's own
// statistics, no interactions and no calibration step. Used by the benchmark and its tests only.
import { featureNames, modelInput, type FeatureName } from './features.ts';
import { logisticLogit, trainLogistic, type LogisticFit } from './logistic.ts';
import { fitStandardizer, standardizeRows, type Standardizer } from './standardize.ts';

export const baselineFeatures = [
  'days_since_activity',
  'active_days_30',
  'messages_per_week',
  'engagement_score',
  'tenure_days',
  'mrr',
  'billing_months',
  'days_to_renewal',
  'cancel_at_period_end',
  'past_due',
] as const satisfies readonly FeatureName[];

export interface BaselineModel {
  standardizer: Standardizer;
  logistic: LogisticFit;
}

const columns = baselineFeatures.map((n) => featureNames.indexOf(n));

/** The baseline's inputs from full raw feature rows (featureNames order): the ten columns, transformed. */
function inputs(raw: readonly (readonly number[])[]): number[][] {
  return raw.map((r) => {
    const x = modelInput(r);
    return columns.map((j) => x[j]!);
  });
}

export function trainBaseline(raw: readonly (readonly number[])[], labels: readonly number[]): BaselineModel {
  const x = inputs(raw);
  const standardizer = fitStandardizer(x, columns.length);
  return { standardizer, logistic: trainLogistic(standardizeRows(standardizer, x), labels, columns.length) };
}

/** P(churn within 30 days) per raw row. */
export function baselineProbabilities(model: BaselineModel, raw: readonly (readonly number[])[]): number[] {
  return standardizeRows(model.standardizer, inputs(raw)).map(
    (z) => 1 / (1 + Math.exp(-logisticLogit(model.logistic, z))),
  );
}
