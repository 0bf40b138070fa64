// When a churn model is due for retraining and when it is too old to score with: the one home of both ages.
// The nightly job retrains a model once it is RETRAIN_AFTER_DAYS old (weekly: members' behaviour drifts and
// a week of new outcomes is worth learning from); scoring refuses a model older than MODEL_MAX_AGE_DAYS and
// trains a new one on the spot (a guard for when the nightly job has not run for weeks, not the usual path).
const DAY_MS = 86_400_000;

/** A model this many days old is retrained by the nightly job. */
export const RETRAIN_AFTER_DAYS = 7;
/** A model older than this many days is not used to score; a new one is trained first. */
export const MODEL_MAX_AGE_DAYS = 35;

/** True when there is no model yet or it is at least RETRAIN_AFTER_DAYS old at `now`. */
export function dueForRetraining(trainedAt: Date | undefined, now: Date): boolean {
  return !trainedAt || now.getTime() - trainedAt.getTime() >= RETRAIN_AFTER_DAYS * DAY_MS;
}

/** True when a model trained at `trainedAt` may still score at `asOf` (at most maxAgeDays old). */
export function freshEnoughToScore(trainedAt: Date, asOf: Date, maxAgeDays: number = MODEL_MAX_AGE_DAYS): boolean {
  return asOf.getTime() - trainedAt.getTime() <= maxAgeDays * DAY_MS;
}
