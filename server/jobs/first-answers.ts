// First answers: right after a company's first sync and its rollups (the sync job), score its members at once
// (core/churn's nightly step: own model, pooled model or the rule-based score — never "no scores") and post
// "Pulse is ready" with the headline figures in each linked workspace's setup channel (its digest channel when
// it was linked without one: installs from the Whop dashboard), once per channel through the delivery ledger.
// first_syncs records that it was done; until then every finished sync tries again.
import { nightlyChurn } from '../../core/churn/index.ts';
import { claimDeliveries, type AttemptOutcome, type DeliveryClaim } from '../../core/delivery/index.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { setupChannelsOf } from '../../core/linking/setup-channels.repository.ts';
import { firstSyncFinishedAt, markFirstSyncFinished } from '../../core/pipeline/first-sync.repository.ts';
import { companyWorkspaceLinks } from '../../core/tenancy/index.ts';
import { deliveryPlatforms, type JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';

export const READY_PERIOD = 'first-sync';

export interface FirstAnswers {
  scored: number;
  source: string;
  claimed: number;
  outcomes: AttemptOutcome[];
}

async function readyClaims(ctx: JobContext, companyId: number): Promise<DeliveryClaim[]> {
  const platforms = deliveryPlatforms(ctx.deliverers);
  const [links, setup] = await Promise.all([
    companyWorkspaceLinks(ctx.pool, companyId),
    setupChannelsOf(ctx.pool, companyId),
  ]);
  return links.flatMap((link) => {
    const channelId = setup.get(`${link.platform}:${link.externalId}`) ?? link.digestChannelId;
    if (!channelId || !platforms.includes(link.platform)) return [];
    return [
      {
        companyId,
        workspaceLinkId: link.id,
        kind: 'pulse_ready' as const,
        period: READY_PERIOD,
        platform: link.platform,
        channelId,
      },
    ];
  });
}

/** Null when the company's first answers were made before; otherwise scores, claims and posts them. */
export async function firstAnswers(ctx: JobContext, companyId: number): Promise<FirstAnswers | null> {
  if (await firstSyncFinishedAt(ctx.pool, companyId)) return null;
  const now = ctx.now();
  const churn = await nightlyChurn(ctx.pool, companyId, { asOf: now });
  ctx.signal.throwIfAborted();
  const claims = await readyClaims(ctx, companyId);
  const claimed = await inTransaction(ctx.pool, async (tx) => {
    const won = await claimDeliveries(tx, claims, { now, leaseMs: ctx.delivery.leaseMs });
    await markFirstSyncFinished(tx, companyId, now);
    return won;
  });
  const outcomes = await postClaimed(ctx, claimed);
  return { scored: churn.scores.members.length, source: churn.scores.model.source, claimed: claimed.length, outcomes };
}
