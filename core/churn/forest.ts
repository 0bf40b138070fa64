// Random forest (ml-random-forest) as the challenger to the logistic model. P(churn) is read as the share
// of trees voting "churn" from predictionValues (the library's predictProbability drops the first tree's
// vote), then calibrated like any score.
// The library's CART tries a split at every change of label along each sorted feature and recounts the
// classes of both sides with an indexOf scan at each try: roughly cubic in the rows of a node. So the
// forest learns from a small class-balanced sample drawn with the seed (700 rows: about half a second a tree
// on this machine), with bootstrap bagging and 60% of the features per tree.
import { RandomForestClassifier } from 'ml-random-forest';
import { Rng } from '../random.ts';

export interface ForestOptions {
  seed: number;
  trees?: number;
  /** Rows drawn for training, half churners where there are enough (default 700). */
  maxRows?: number;
  maxDepth?: number;
}

/** The library's own JSON (RandomForestClassifier.toJSON()). */
export type ForestModel = ReturnType<RandomForestClassifier['toJSON']>;

/** Indices of a class-balanced sample: up to half the rows from each class, the rest from the other. */
export function balancedSample(labels: readonly number[], maxRows: number, seed: number): number[] {
  const byClass: number[][] = [[], []];
  labels.forEach((y, i) => byClass[y === 1 ? 1 : 0]!.push(i));
  const rng = new Rng(seed);
  const shuffle = (xs: number[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const [neg, pos] = [shuffle(byClass[0]!), shuffle(byClass[1]!)];
  const takePos = Math.min(pos.length, Math.max(Math.floor(maxRows / 2), maxRows - neg.length));
  const takeNeg = Math.min(neg.length, maxRows - takePos);
  return [...neg.slice(0, takeNeg), ...pos.slice(0, takePos)].sort((a, b) => a - b);
}

export function trainForest(
  z: readonly (readonly number[])[],
  labels: readonly number[],
  opts: ForestOptions,
): ForestModel {
  const rows = balancedSample(labels, opts.maxRows ?? 700, opts.seed);
  const forest = new RandomForestClassifier({
    seed: opts.seed | 0,
    nEstimators: opts.trees ?? 10,
    maxFeatures: 0.6,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: opts.maxDepth ?? 5, minNumSamples: 20 },
  });
  forest.train(
    rows.map((i) => [...z[i]!]),
    rows.map((i) => labels[i]!),
  );
  // A JSON round trip: what is stored is what is used.
  return JSON.parse(JSON.stringify(forest.toJSON())) as ForestModel;
}

/** Share of trees voting churn (label 1), per row. */
export function forestVoteShare(model: ForestModel, z: readonly (readonly number[])[]): number[] {
  if (z.length === 0) return [];
  const votes = RandomForestClassifier.load(model).predictionValues(z.map((r) => [...r]));
  const out: number[] = [];
  for (let i = 0; i < votes.rows; i++) {
    let churn = 0;
    for (let t = 0; t < votes.columns; t++) churn += votes.get(i, t) === 1 ? 1 : 0;
    out.push(churn / votes.columns);
  }
  return out;
}
