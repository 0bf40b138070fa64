// Training the prior churn model (prior.ts) from simulated communities loaded in a database: every
// company's labelled monthly snapshots, each company-snapshot standardised by its own statistics shrunk
// toward the statistics of all of them (as the pooled model does), then one ridge logistic regression.
// scripts/train-prior.ts drives it and writes core/churn/prior/prior-v1.json.
import type { Queryable } from '../db/queryable.ts';
import { featureCount, featureNames } from './features.ts';
import { auc } from './metrics.ts';
import { POOLED_PRIOR_WEIGHT } from './model.ts';
import { fitTowardPrior } from './prior-fit.ts';
import type { PriorFile } from './prior.ts';
import { fitStandardizer, standardizeRows } from './standardize.ts';
import { installGroups } from './training.service.ts';

/** Ridge precision on each coefficient: a light hold on rare flags (a few hundred rows carry them). */
export const PRIOR_RIDGE = 1;

export interface PriorWorldRecord {
  name: string;
  seed: string;
  members: number;
  months: number;
  endDate: string;
  [parameter: string]: unknown;
}

export async function trainPriorFromInstall(
  conn: Queryable,
  asOf: Date,
  worlds: PriorWorldRecord[],
  script: string,
): Promise<PriorFile> {
  const { companies, groups } = await installGroups(conn, { asOf });
  const standardizer = {
    ...fitStandardizer(
      groups.flatMap((g) => g.x),
      featureCount,
    ),
    weight: POOLED_PRIOR_WEIGHT,
  };
  const z: number[][] = [];
  const y: number[] = [];
  for (const g of groups) {
    z.push(...standardizeRows(fitStandardizer(g.x, featureCount, standardizer), g.x));
    y.push(...g.labels);
  }
  const zero = { intercept: 0, coefficients: new Array<number>(featureCount).fill(0) };
  const logistic = fitTowardPrior(z, y, zero, { coefficients: PRIOR_RIDGE, intercept: 1e-6 });
  const scores = z.map((row) => row.reduce((s, v, j) => s + v * logistic.coefficients[j]!, logistic.intercept));
  const round = (x: number) => Number(x.toPrecision(8));
  return {
    version: 1,
    trainedAt: new Date().toISOString().slice(0, 10),
    script,
    featureNames: [...featureNames],
    standardizer: { mean: standardizer.mean.map(round), sd: standardizer.sd.map(round), weight: standardizer.weight },
    logistic: { intercept: round(logistic.intercept), coefficients: logistic.coefficients.map(round) },
    ridge: PRIOR_RIDGE,
    training: { rows: y.length, positives: y.reduce((s, v) => s + v, 0), companies, auc: round(auc(scores, y)) },
    worlds,
  };
}
