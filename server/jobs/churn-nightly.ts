// churn:nightly (per company) — retrain weekly, score nightly: a company's own model is retrained once it is
// a week old (core/churn/model-freshness.ts); a company without one is scored with the install-wide model (pooled, or the prior
// updated by the install's outcomes: core/churn/prior.ts), which is retrained once a week for
// everyone (the first company of the night to find it a week old does it, under a lock; the others skip).
// core/churn's nightlyChurn then closes the outcome windows that ended and scores every member (its scoring
// chain trains a company's own model by itself as soon as the company's history allows one, and falls back to
// the rule-based score when no model can be had). The caller queues the alert scan afterwards.
import { InsufficientHistory, nightlyChurn, trainCompanyModel, trainInstallModel } from '../../core/churn/index.ts';
import { dueForRetraining } from '../../core/churn/model-freshness.ts';
import { latestModelRun } from '../../core/churn/runs.repository.ts';
import { tryTransactionLock } from '../../core/db/advisory-locks.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import type { JobContext } from './context.ts';

const POOLED_TRAINING_LOCK = 73_178_531;

/** Retrains the pooled model when it is a week old; one worker at a time (others skip). True when it trained. */
async function retrainPooledIfStale(ctx: JobContext, companyId: number, now: Date): Promise<boolean> {
  return inTransaction(ctx.pool, async (tx) => {
    if (!(await tryTransactionLock(tx, POOLED_TRAINING_LOCK))) return false;
    if (!dueForRetraining((await latestModelRun(tx, 'pooled', companyId, now))?.trainedAt, now)) return false;
    try {
      await trainInstallModel(ctx.pool, { asOf: now });
      return true;
    } catch (err) {
      // No company has labelled history yet (new installs only): the scoring chain falls back to the rules.
      if (err instanceof InsufficientHistory) return false;
      throw err;
    }
  });
}

export interface NightlyChurnRun {
  retrained: 'company' | 'pooled' | null;
  scored: number;
  outcomesRecorded: number;
  source: string;
}

export async function runNightlyChurn(
  ctx: JobContext,
  companyId: number,
  now: Date = ctx.now(),
): Promise<NightlyChurnRun> {
  let retrained: NightlyChurnRun['retrained'] = null;
  const own = await latestModelRun(ctx.pool, 'company', companyId, now);
  if (own && dueForRetraining(own.trainedAt, now)) {
    try {
      await trainCompanyModel(ctx.pool, companyId, { asOf: now });
      retrained = 'company';
    } catch (err) {
      if (!(err instanceof InsufficientHistory)) throw err;
    }
  }
  if (!own && (await retrainPooledIfStale(ctx, companyId, now))) retrained = 'pooled';
  ctx.signal.throwIfAborted();
  const r = await nightlyChurn(ctx.pool, companyId, { asOf: now });
  const trainedNow = r.scores.model.source === 'company' && r.scores.model.trainedAt.getTime() === now.getTime();
  return {
    retrained: trainedNow ? 'company' : retrained,
    scored: r.scores.members.length,
    outcomesRecorded: r.outcomesRecorded,
    source: r.scores.model.source,
  };
}
