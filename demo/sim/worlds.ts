// Differently shaped simulated worlds: the parameters of why members leave. The churn model is judged on
// each (test/bench/churn-worlds.ts) and the prior model learns from all of them (scripts/train-prior.ts), so
// it does not overfit the one world the simulator had. Every world keeps the simulator's truth honest: the
// closed-form 30-day churn probability (behaviour.ts churnWithin30) reads the same parameters the members'
// lives were played out with. `default` is the simulator as it always was (existing figures hold).

export interface WorldShape {
  /** A named world's name, or a variant's (the prior's training worlds jitter the named ones). */
  name: string;
  /** One line: what drives churn in this world. */
  description: string;
  /** Daily voluntary hazard at the reference engagement, tenure and plan factor 1. */
  baseHazard: number;
  /** How steeply that hazard rises as engagement falls (log-hazard per unit of engagement). */
  engagementSlope: number;
  /** Chance of leaving at each renewal, decided then whatever the member's activity (0 = never). */
  renewalQuit: number;
  /** ...and at the first renewal of a subscription (people who bought to try). */
  firstRenewalQuit: number;
  /** Chance a renewal charge fails on the first attempt: base + slope x (1 - engagement). */
  failureBase: number;
  failureSlope: number;
  /** Chance a failed renewal is paid during the retries: base + slope x engagement. */
  recoveryBase: number;
  recoverySlope: number;
}

export const worldNames = ['default', 'engagement', 'renewal', 'involuntary'] as const;
export type WorldName = (typeof worldNames)[number];

export const worlds: Record<WorldName, WorldShape> = {
  default: {
    name: 'default',
    description:
      'the simulator as it always was: mostly voluntary quitting that rises as engagement fades, some failed cards',
    baseHazard: 0.0021,
    engagementSlope: 3.0,
    renewalQuit: 0,
    firstRenewalQuit: 0,
    failureBase: 0.06,
    failureSlope: 0.03,
    recoveryBase: 0.45,
    recoverySlope: 0.4,
  },
  engagement: {
    name: 'engagement',
    description: 'engagement-driven quitting: the hazard rises steeply as activity fades; cards rarely fail',
    baseHazard: 0.0016,
    engagementSlope: 5.5,
    renewalQuit: 0,
    firstRenewalQuit: 0,
    failureBase: 0.02,
    failureSlope: 0.01,
    recoveryBase: 0.6,
    recoverySlope: 0.3,
  },
  renewal: {
    name: 'renewal',
    description:
      'quitting decided at renewal time whatever the activity (first renewals most), little quitting in between',
    baseHazard: 0.0003,
    engagementSlope: 0.5,
    renewalQuit: 0.1,
    firstRenewalQuit: 0.3,
    failureBase: 0.04,
    failureSlope: 0.0,
    recoveryBase: 0.55,
    recoverySlope: 0.1,
  },
  involuntary: {
    name: 'involuntary',
    description:
      'involuntary churn dominates: many renewal charges fail and few are recovered, whatever the engagement',
    baseHazard: 0.0006,
    engagementSlope: 2.0,
    renewalQuit: 0,
    firstRenewalQuit: 0,
    failureBase: 0.22,
    failureSlope: 0.06,
    recoveryBase: 0.3,
    recoverySlope: 0.15,
  },
};

export const defaultWorld = worlds.default;

export function worldByName(name: string): WorldShape {
  if (!(worldNames as readonly string[]).includes(name))
    throw new RangeError(`unknown world "${name}" (one of ${worldNames.join(', ')})`);
  return worlds[name as WorldName];
}
