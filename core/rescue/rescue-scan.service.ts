// The failed-payment rescue of one company at one instant, in one transaction serialised per company by an
// advisory lock: episodes advanced (episodes.repository.ts) and, for each newly opened one, one alert claimed
// per destination in the delivery ledger, keyed by membership and episode. Two workers or a redelivered webhook
// reach the same state: the partial unique index opens an episode once, the ledger's key claims its alert once.
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import { claimDeliveries, type ClaimedDelivery } from '../delivery/ledger.repository.ts';
import type { AlertDestination } from '../delivery/churn-alert.service.ts';
import { advanceEpisodes, type EpisodeChange } from './episodes.repository.ts';

const RESCUE_LOCK = 73_178_531;

/** The payload of a payment_alert delivery: the episode it shows. */
export interface PaymentAlertPayload { rescueId: number }

/** The ledger period of an episode's alert: membership and episode ('m12-e7'). */
export function rescuePeriod(membershipId: number, rescueId: number): string {
  return `m${membershipId}-e${rescueId}`;
}

export interface RescueScan {
  changes: EpisodeChange[];
  /** Alerts this scan claimed: post them. */
  claimed: ClaimedDelivery[];
}

export async function scanPaymentRescues(db: Queryable, companyId: number, destinations: readonly AlertDestination[], opts: { now: Date; leaseMs: number }): Promise<RescueScan> {
  return inTransaction(db, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, ($2::bigint % 2147483647)::int)', [RESCUE_LOCK, companyId]);
    const changes = await advanceEpisodes(tx, companyId, opts.now);
    const claims = changes.filter((c) => c.change === 'opened').flatMap((c) => destinations.map((d) => ({
      ...d, companyId, kind: 'payment_alert' as const, period: rescuePeriod(c.membershipId, c.id), payload: { rescueId: c.id } satisfies PaymentAlertPayload,
    })));
    const claimed = await claimDeliveries(tx, claims, opts);
    return { changes, claimed };
  });
}

/** The posted alerts of an episode (to edit when it changes), and whether any is still on its way. */
export async function postedRescueAlerts(db: Queryable, companyId: number, rescueId: number): Promise<{ posted: { id: number; platform: 'discord' | 'slack'; channelId: string; messageId: string; workspaceLinkId: number | null }[]; pending: number }> {
  const { rows } = await db.query<{ id: string; platform: 'discord' | 'slack'; channel_id: string; message_id: string | null; status: string; workspace_link_id: string | null }>(
    `select id, platform, channel_id, message_id, status, workspace_link_id from deliveries
     where company_id = $1 and kind = 'payment_alert' and (payload->>'rescueId')::bigint = $2 order by id`, [companyId, rescueId]);
  return {
    posted: rows.filter((r) => r.status === 'posted' && r.message_id).map((r) => ({
      id: Number(r.id), platform: r.platform, channelId: r.channel_id, messageId: r.message_id!, workspaceLinkId: r.workspace_link_id === null ? null : Number(r.workspace_link_id),
    })),
    pending: rows.filter((r) => r.status === 'claimed').length,
  };
}
