// The churn alert scan of one company, in one transaction (serialised per company by an advisory lock):
// close the episodes the latest scoring ended, open episodes for members newly at critical/high, and claim
// one post per destination listing them all (the alert builder gives up to 5 members their own buttons and
// batches more into one list), keyed by the scoring instant and first episode, with the episodes' prediction
// ids as payload.
// The caller posts the returned claims after the commit; a crash before that leaves claims a later sweep
// takes over, and the episodes stay open, so nobody alerts twice for the same episode.
import type { Queryable } from '../db/queryable.ts';
import { companyTransactionLock } from '../db/advisory-locks.ts';
import { inTransaction } from '../db/transaction.ts';
import { closeEpisodes, latestScoring, openEpisodes, type OpenedEpisode } from './churn-alerts.repository.ts';
import { instantPeriod, type DeliveryPlatform } from './dedupe-key.ts';
import { claimDeliveries, type ClaimedDelivery } from './ledger.repository.ts';

const CHURN_ALERT_LOCK = 73_178_530;

export interface AlertDestination {
  platform: DeliveryPlatform;
  channelId: string;
  workspaceLinkId: number | null;
}

/** The payload of a churn_alert delivery. */
export interface ChurnAlertPayload {
  predictionIds: number[];
}

export interface ChurnAlertScan {
  /** The scoring the scan looked at (null: the company was never scored). */
  scoredAt: Date | null;
  opened: OpenedEpisode[];
  closed: number;
  /** Deliveries this scan claimed: post them. */
  claimed: ClaimedDelivery[];
}

export async function scanChurnAlerts(
  db: Queryable,
  companyId: number,
  destinations: readonly AlertDestination[],
  opts: { now: Date; leaseMs: number },
): Promise<ChurnAlertScan> {
  return inTransaction(db, async (tx) => {
    await companyTransactionLock(tx, CHURN_ALERT_LOCK, companyId);
    const scoredAt = await latestScoring(tx, companyId);
    if (!scoredAt) return { scoredAt, opened: [], closed: 0, claimed: [] };
    const closed = await closeEpisodes(tx, companyId, scoredAt);
    const opened = await openEpisodes(tx, companyId, scoredAt, opts.now);
    const payload: ChurnAlertPayload = { predictionIds: opened.map((o) => o.predictionId) };
    // The first episode id makes the key unique per scan that opened any: a later scan of the same scoring
    // (a member whose snooze ran out) claims its own post.
    const period = `${instantPeriod(scoredAt)}-e${Math.min(...opened.map((o) => o.episodeId))}`;
    const claims =
      opened.length === 0
        ? []
        : destinations.map((d) => ({ ...d, companyId, kind: 'churn_alert' as const, period, payload }));
    const claimed = await claimDeliveries(tx, claims, opts);
    return { scoredAt, opened, closed, claimed };
  });
}
