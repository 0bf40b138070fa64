// Guarding a property against a generator gone dull: the answers seen over a whole run are collected, and at the
// end each outcome the property is about must have come up at least once (when the run is long enough to expect it).
import { expect } from 'vitest';
import { fuzzSettings } from './settings.ts';

/** Runs below which a missing outcome proves nothing (FUZZ_RUNS set low for a quick look). */
const ENOUGH_RUNS = 100;

export class Outcomes {
  private readonly seen = new Map<number, number>();

  add(status: number): void {
    this.seen.set(status, (this.seen.get(status) ?? 0) + 1);
  }

  expectEach(statuses: number[]): void {
    if (fuzzSettings().runs < ENOUGH_RUNS) return;
    const counts = Object.fromEntries(this.seen);
    for (const s of statuses)
      expect(this.seen.get(s) ?? 0, `answers seen: ${JSON.stringify(counts)}`).toBeGreaterThan(0);
  }
}
