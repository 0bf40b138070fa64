// Decorrelating standardised features (PCA whitening) before gradient training: the logistic library's
// plain gradient ascent then converges in tens of steps whatever the features' correlations.
// Coefficients learnt on whitened features map back exactly to standardised space (beta_z = W beta_w).
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Columns: p x k matrix W with z -> z W; components with negligible variance are dropped. */
export interface Whitening {
  w: number[][];
}

export function fitWhitening(z: readonly (readonly number[])[], columns: number, minEigenvalue = 1e-6): Whitening {
  const cov = Matrix.zeros(columns, columns);
  for (const row of z) {
    for (let a = 0; a < columns; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      for (let b = a; b < columns; b++) cov.set(a, b, cov.get(a, b) + ra * row[b]!);
    }
  }
  const n = Math.max(1, z.length);
  for (let a = 0; a < columns; a++) {
    for (let b = a; b < columns; b++) {
      const v = cov.get(a, b) / n;
      cov.set(a, b, v);
      cov.set(b, a, v);
    }
  }
  const eig = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const kept: number[] = [];
  for (let k = 0; k < values.length; k++) if (values[k]! > minEigenvalue) kept.push(k);
  const w: number[][] = [];
  for (let a = 0; a < columns; a++) w.push(kept.map((k) => vectors.get(a, k) / Math.sqrt(values[k]!)));
  return { w };
}

export function whitenRow(wh: Whitening, z: readonly number[]): number[] {
  const k = wh.w[0]?.length ?? 0;
  const out = new Array<number>(k).fill(0);
  for (let a = 0; a < z.length; a++) {
    const za = z[a]!;
    if (za === 0) continue;
    const wa = wh.w[a]!;
    for (let c = 0; c < k; c++) out[c]! += za * wa[c]!;
  }
  return out;
}

/** Coefficients on whitened columns -> coefficients on the standardised columns. */
export function unwhitenCoefficients(wh: Whitening, beta: readonly number[]): number[] {
  return wh.w.map((wa) => wa.reduce((s, v, c) => s + v * beta[c]!, 0));
}
