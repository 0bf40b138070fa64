// Variants of the named worlds (worlds.ts): each rate scaled by a seeded random factor, so the prior model
// learns from a spread of worlds and the small-community benchmark judges it on worlds it did not see.
import { hashSeed, Rng } from '../../core/random.ts';
import type { WorldShape } from './worlds.ts';

const rates = [
  'baseHazard',
  'engagementSlope',
  'renewalQuit',
  'firstRenewalQuit',
  'failureBase',
  'failureSlope',
  'recoveryBase',
  'recoverySlope',
] as const;

/** The world with every rate times exp(spread x N(0, 1)) drawn from the seed; chances stay below 0.9. */
export function worldVariant(shape: WorldShape, seed: string, spread = 0.3): WorldShape {
  const rng = new Rng(hashSeed(seed));
  const out: WorldShape = { ...shape, name: `${shape.name}~${seed}` };
  for (const key of rates) {
    const v = shape[key] * Math.exp(spread * rng.normal());
    out[key] = key === 'baseHazard' || key === 'engagementSlope' ? v : Math.min(0.9, v);
  }
  if (out.recoveryBase + out.recoverySlope > 0.95) out.recoverySlope = Math.max(0, 0.95 - out.recoveryBase);
  return out;
}
