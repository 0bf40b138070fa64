// Choosing the calibrator: Platt and isotonic are each fitted on one half of the calibration rows and
// scored (Brier) on the other, both ways round (halves drawn with the seed); the better method is then
// fitted on all rows. Isotonic needs enough rows to beat Platt's two parameters, and this tells when.
import { Rng } from '../random.ts';
import { calibrate, fitIsotonic, fitPlatt, type Calibrator } from './calibration.ts';
import { brier } from './metrics.ts';

const fitters = { platt: fitPlatt, isotonic: fitIsotonic } as const;

export function chooseCalibrator(scores: readonly number[], labels: readonly number[], seed: number): Calibrator {
  const rng = new Rng(seed);
  const half = scores.map(() => rng.chance(0.5));
  const part = (h: boolean) => scores.map((_, i) => i).filter((i) => half[i] === h);
  const [a, b] = [part(true), part(false)];
  const loss = { platt: 0, isotonic: 0 };
  if (a.length >= 20 && b.length >= 20) {
    for (const [fitIdx, testIdx] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const kind of ['platt', 'isotonic'] as const) {
        const c = fitters[kind](
          fitIdx.map((i) => scores[i]!),
          fitIdx.map((i) => labels[i]!),
        );
        loss[kind] += brier(
          testIdx.map((i) => calibrate(c, scores[i]!)),
          testIdx.map((i) => labels[i]!),
        );
      }
    }
  }
  const kind = loss.isotonic < loss.platt ? 'isotonic' : 'platt';
  return fitters[kind](scores, labels);
}
