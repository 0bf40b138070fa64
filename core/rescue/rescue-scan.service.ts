// The failed-payment rescue of one company at one instant, in one transaction serialised per company by an
// advisory lock: episodes advanced (episodes.repository.ts) and, for each newly opened one, one alert claimed
// per destination in the delivery ledger, keyed by membership and episode. Two workers or a redelivered webhook
// reach the same state: the partial unique index opens an episode once, the ledger's key claims its alert once.
import type { Queryable } from '../db/queryable.ts';
import { companyTransactionLock } from '../db/advisory-locks.ts';
import { inTransaction } from '../db/transaction.ts';
import { claimDeliveries, type ClaimedDelivery } from '../delivery/ledger.repository.ts';
import type { AlertDestination } from '../delivery/churn-alert.service.ts';
import { advanceEpisodes, type EpisodeChange } from './episodes.repository.ts';

const RESCUE_LOCK = 73_178_531;

/** The payload of a payment_alert delivery: the episode it shows. */
export interface PaymentAlertPayload {
  rescueId: number;
}

/** The ledger period of an episode's alert: membership and episode ('m12-e7'). */
export function rescuePeriod(membershipId: number, rescueId: number): string {
  return `m${membershipId}-e${rescueId}`;
}

export interface RescueScan {
  changes: EpisodeChange[];
  /** Alerts this scan claimed: post them. */
  claimed: ClaimedDelivery[];
}

export async function scanPaymentRescues(
  db: Queryable,
  companyId: number,
  destinations: readonly AlertDestination[],
  opts: { now: Date; leaseMs: number },
): Promise<RescueScan> {
  return inTransaction(db, async (tx) => {
    await companyTransactionLock(tx, RESCUE_LOCK, companyId);
    const changes = await advanceEpisodes(tx, companyId, opts.now);
    const claims = changes
      .filter((c) => c.change === 'opened')
      .flatMap((c) =>
        destinations.map((d) => ({
          ...d,
          companyId,
          kind: 'payment_alert' as const,
          period: rescuePeriod(c.membershipId, c.id),
          payload: { rescueId: c.id } satisfies PaymentAlertPayload,
        })),
      );
    const claimed = await claimDeliveries(tx, claims, opts);
    return { changes, claimed };
  });
}
