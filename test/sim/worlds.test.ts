// Simulated worlds: the truth's 30-day churn probability reads the world's rates (worked out by hand on a
// world without day-to-day quitting), each named world plays out the churn it is named for, and the
// default world is the simulator as it was.
import { describe, expect, it } from 'vitest';
import { churnWithin30, dailyHazard } from '../../demo/sim/behaviour.ts';
import { createSim, worldByName, worlds, type WorldShape } from '../../demo/sim/index.ts';

const endDate = new Date('2026-06-01T00:00:00Z');
const active = {
  phase: 'active' as const,
  engagement: { base: 0.5, momentum: 1, decaying: false },
  planFactor: 1,
  tenureDays: 200,
};
// No quitting between renewals; 10% of renewal charges fail, half of those are recovered.
const atRenewal: WorldShape = {
  ...worlds.default,
  name: 'hand',
  baseHazard: 0,
  renewalQuit: 0.1,
  firstRenewalQuit: 0.3,
  failureBase: 0.1,
  failureSlope: 0,
  recoveryBase: 0.5,
  recoverySlope: 0,
};

describe('the truth in a world', () => {
  it('adds the renewal decision and failed cards at a renewal inside the 30 days, by hand', () => {
    // First renewal: 0.3 quit + 0.7 x (0.1 fail x 0.5 lost) = 0.335; a later one: 0.1 + 0.9 x 0.05 = 0.145.
    expect(churnWithin30({ ...active, daysToBoundary: 10, firstRenewal: true }, atRenewal)).toBeCloseTo(0.335, 12);
    expect(churnWithin30({ ...active, daysToBoundary: 10, firstRenewal: false }, atRenewal)).toBeCloseTo(0.145, 12);
    // No renewal inside the window and no day-to-day hazard: nothing can end access.
    expect(churnWithin30({ ...active, daysToBoundary: 40, firstRenewal: true }, atRenewal)).toBe(0);
    // Past due: what the retries will not recover.
    expect(churnWithin30({ ...active, phase: 'past_due', daysToBoundary: 0 }, atRenewal)).toBeCloseTo(0.5, 12);
  });

  it('scales the daily hazard by exp(slope x engagement drop)', () => {
    const w = worlds.engagement;
    expect(dailyHazard(0.25, 1, 5000, w) / dailyHazard(0.45, 1, 5000, w)).toBeCloseTo(
      Math.exp(w.engagementSlope * 0.2),
      10,
    );
  });

  it('refuses an unknown world by name', () => {
    expect(() => worldByName('nowhere')).toThrow(/unknown world "nowhere"/);
  });
});

describe('named worlds play out as named', () => {
  const churnKinds = (world: WorldShape) => {
    const kinds = { voluntary: 0, delinquent: 0 };
    for (const b of createSim({ seed: 'worlds-test', members: 600, months: 12, endDate, world }).memberBundles()) {
      for (const c of b.truth.churns) kinds[c.kind]++;
    }
    return kinds;
  };

  it('involuntary churn dominates in the involuntary world, not in the default one', () => {
    const inv = churnKinds(worlds.involuntary);
    const def = churnKinds(worlds.default);
    expect(inv.delinquent).toBeGreaterThan(inv.voluntary);
    expect(def.voluntary).toBeGreaterThan(def.delinquent);
  });

  it('leaves the default world as the simulator always made it (no world given = the default world)', () => {
    const a = [...createSim({ seed: 'worlds-test', members: 50, months: 6, endDate }).memberBundles()];
    const b = [
      ...createSim({ seed: 'worlds-test', members: 50, months: 6, endDate, world: worlds.default }).memberBundles(),
    ];
    expect(b).toEqual(a);
  });
});
