// digests:scan — every few minutes: for each workspace link with a digest channel on a platform this worker
// posts to, the daily (and, on its weekday, weekly) digest due by the company's local clock is claimed in
// the ledger (one insert for all of them: a claim made before, by any worker, is not made again), then the
// claims this scan won are built and posted.
import type { ClaimedDelivery, DeliveryClaim, AttemptOutcome } from '../../core/delivery/index.ts';
import { claimDeliveries } from '../../core/delivery/index.ts';
import { dueDigests } from '../../core/schedule/index.ts';
import { deliveryPlatforms, type JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { errorFields } from './log.ts';
import { digestLinks } from '../../core/tenancy/workspace-links.repository.ts';

export interface DigestScan {
  due: number;
  claimed: ClaimedDelivery[];
  outcomes: AttemptOutcome[];
}

export async function scanDigests(ctx: JobContext, now: Date = ctx.now()): Promise<DigestScan> {
  const platforms = deliveryPlatforms(ctx.deliverers);
  if (platforms.length === 0) return { due: 0, claimed: [], outcomes: [] };
  const claims: DeliveryClaim[] = [];
  for (const link of await digestLinks(ctx.pool, platforms)) {
    try {
      for (const due of dueDigests(now, link.timeZone, {
        digestHour: link.digestHour,
        weeklyDigestDay: link.weeklyDigestDay,
      })) {
        claims.push({
          companyId: link.companyId,
          workspaceLinkId: link.id,
          kind: due.kind,
          period: due.period,
          platform: link.platform,
          channelId: link.digestChannelId,
        });
      }
    } catch (err) {
      ctx.log.warn(
        { job: 'digests:scan', companyId: link.companyId, link: link.id, ...errorFields(err) },
        'digest schedule unreadable; skipped',
      );
    }
  }
  const claimed = await claimDeliveries(ctx.pool, claims, { now, leaseMs: ctx.delivery.leaseMs });
  return { due: claims.length, claimed, outcomes: await postClaimed(ctx, claimed) };
}
