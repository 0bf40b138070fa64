// How much the fuzz suites run: a fixed seed by default, so a run is repeatable and a failure can be replayed;
// FUZZ_SEED picks another seed, FUZZ_RUNS another number of runs per property (default 200). The seed is
// printed once per process, and fast-check prints the seed and path of any counterexample it shrinks to.
import type { Parameters } from 'fast-check';

export const DEFAULT_FUZZ_SEED = 20261206;
export const DEFAULT_FUZZ_RUNS = 200;

export interface FuzzSettings {
  seed: number;
  runs: number;
}

function positiveInteger(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not "${value.slice(0, 40)}"`);
  return n;
}

export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  return {
    seed: positiveInteger('FUZZ_SEED', env.FUZZ_SEED, DEFAULT_FUZZ_SEED, 0),
    runs: positiveInteger('FUZZ_RUNS', env.FUZZ_RUNS, DEFAULT_FUZZ_RUNS, 1),
  };
}

let printed = false;

/**
 * fast-check parameters for one property. Each property gets its own seed (the run's seed plus `offset`), so
 * two properties of a suite do not walk the same random sequence.
 */
export function fuzzParameters<T>(offset: number, settings: FuzzSettings = fuzzSettings()): Parameters<T> {
  if (!printed) {
    printed = true;
    console.info(`fuzz: seed ${settings.seed}, ${settings.runs} runs per property (FUZZ_SEED, FUZZ_RUNS to change)`);
  }
  return { seed: settings.seed + offset, numRuns: settings.runs };
}
