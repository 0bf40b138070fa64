// One mid-sized simulated community shared by the realism suites (materialized once per worker).
import { materialize, type MaterializedSim } from '../../demo/sim/index.ts';

export const END = '2026-10-01T00:00:00.000Z';
let cached: MaterializedSim | undefined;

export function community(): MaterializedSim {
  cached ??= materialize({ seed: 'realism', members: 4000, months: 24, endDate: END });
  return cached;
}

export const DAY = 86_400_000;
export const ms = (iso: string) => Date.parse(iso);

export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
