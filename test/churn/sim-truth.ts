// The simulator's ground truth at its end date, for judging churn scores on the held-out future: who held
// a counted paid subscription, their true 30-day churn probability (hidden from the model), and whether
// they churned within the 30 days after (churn dated as docs/metrics.md#mrr dates it: at the end of access for a
// cancellation, at the failed renewal for delinquency, so a renewal already failing at the end date but
// lost later counts too: the simulator gives up 14 days after the failure).
import { auc, brier, expectedCalibrationError } from '../../core/churn/metrics.ts';
import type { Sim } from '../../demo/sim/index.ts';

export interface SimOutcome {
  subscribed: boolean;
  hazard30d: number;
  churned: boolean;
}

const DAY = 86_400_000;

export function simOutcomes(sim: Sim): Map<string, SimOutcome> {
  const end = sim.options.endDate.getTime();
  const out = new Map<string, SimOutcome>();
  for (const b of sim.memberBundles()) {
    const t = b.truth;
    const churned = t.churns.some((c) => {
      const at = Date.parse(c.churnedAt);
      return at > end - 15 * DAY && at <= end + 30 * DAY;
    });
    out.set(t.userId, { subscribed: t.subscribed, hazard30d: t.hazard30d, churned: t.subscribed && churned });
  }
  return out;
}

export interface HeldOutEvaluation {
  scored: number;
  /** Scored members the simulator does not count as subscribed (should be 0). */
  notSubscribedInTruth: number;
  /** Subscribed members the scores miss. */
  missed: number;
  churned: number;
  auc: number;
  oracleAuc: number;
  ece: number;
  oracleEce: number;
  brier: number;
  oracleBrier: number;
  meanProbability: number;
}

export function evaluateHeldOut(
  scores: ReadonlyArray<{ whopUserId: string; probability: number }>,
  truth: ReadonlyMap<string, SimOutcome>,
): HeldOutEvaluation {
  const p: number[] = [];
  const h: number[] = [];
  const y: number[] = [];
  let notSubscribed = 0;
  for (const s of scores) {
    const t = truth.get(s.whopUserId);
    if (!t) throw new Error(`scored member ${s.whopUserId} is not in the simulation`);
    if (!t.subscribed) notSubscribed++;
    p.push(s.probability);
    h.push(t.hazard30d);
    y.push(t.churned ? 1 : 0);
  }
  const scoredIds = new Set(scores.map((s) => s.whopUserId));
  const missed = [...truth.entries()].filter(([id, t]) => t.subscribed && !scoredIds.has(id)).length;
  return {
    scored: scores.length,
    notSubscribedInTruth: notSubscribed,
    missed,
    churned: y.reduce((a, b) => a + b, 0),
    auc: auc(p, y),
    oracleAuc: auc(h, y),
    ece: expectedCalibrationError(p, y),
    oracleEce: expectedCalibrationError(h, y),
    brier: brier(p, y),
    oracleBrier: brier(h, y),
    meanProbability: p.reduce((a, b) => a + b, 0) / Math.max(1, p.length),
  };
}
