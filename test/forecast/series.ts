// Test series: consecutive days from a start day, and seeded noise.
import { Rng } from '../../core/random.ts';
import type { DailyMrr } from '../../core/forecast/types.ts';

export function dailySeries(start: string, values: number[]): DailyMrr[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return values.map((mrrMinor, i) => ({ day: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10), mrrMinor }));
}

/** n standard normal draws from a fixed seed. */
export function normals(seed: number, n: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normal());
}
