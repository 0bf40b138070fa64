// Standardising features: z = (x - mean) / sd per column. A company's statistics can be shrunk towards
// a prior (the pooled statistics) so a small company's rare flags keep a sensible scale.
export interface Standardizer {
  mean: number[];
  sd: number[];
}

/** Below this the column is treated as constant (z = 0). */
const MIN_SD = 1e-9;

export interface StandardizerPrior extends Standardizer {
  /** How many rows the prior counts as. */
  weight: number;
}

/** Column means and standard deviations; with a prior, a weighted blend of both. */
export function fitStandardizer(
  rows: readonly (readonly number[])[],
  columns: number,
  prior?: StandardizerPrior,
): Standardizer {
  const n = rows.length;
  const sum = new Array<number>(columns).fill(0);
  const sumSq = new Array<number>(columns).fill(0);
  for (const row of rows) {
    for (let j = 0; j < columns; j++) {
      sum[j]! += row[j]!;
      sumSq[j]! += row[j]! * row[j]!;
    }
  }
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < columns; j++) {
    const w = prior ? prior.weight : 0;
    const priorMean = prior ? prior.mean[j]! : 0;
    const priorSecond = prior ? prior.sd[j]! ** 2 + priorMean ** 2 : 0;
    const total = n + w;
    if (total === 0) {
      mean.push(0);
      sd.push(1);
      continue;
    }
    const m = (sum[j]! + w * priorMean) / total;
    const second = (sumSq[j]! + w * priorSecond) / total;
    mean.push(m);
    sd.push(Math.sqrt(Math.max(0, second - m * m)));
  }
  return { mean, sd };
}

export function standardizeRow(s: Standardizer, row: readonly number[]): number[] {
  return row.map((x, j) => (s.sd[j]! > MIN_SD ? (x - s.mean[j]!) / s.sd[j]! : 0));
}

export function standardizeRows(s: Standardizer, rows: readonly (readonly number[])[]): number[][] {
  return rows.map((row) => standardizeRow(s, row));
}
