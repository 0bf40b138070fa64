// digests:scan — every few minutes: for each workspace link with a digest channel on a platform this worker
// posts to, the daily (and, on its weekday, weekly) digest due by the company's local clock is claimed in
// the ledger (one insert for all of them: a claim made before, by any worker, is not made again), then the
// claims this scan won are built and posted.
import type { ClaimedDelivery, DeliveryClaim, AttemptOutcome } from '../../core/delivery/index.ts';
import { claimDeliveries } from '../../core/delivery/index.ts';
import { dueDigests } from '../../core/schedule/index.ts';
import type { ChatPlatform } from '../../core/tenancy/index.ts';
import { deliveryPlatforms, type JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { errorFields } from './log.ts';
import { liveCompanySql } from '../../core/lifecycle/company-state.ts';

interface LinkRow extends Record<string, unknown> {
  id: string; company_id: string; platform: ChatPlatform; digest_channel_id: string; digest_hour: number;
  weekly_digest_day: number | null; time_zone: string;
}

export interface DigestScan { due: number; claimed: ClaimedDelivery[]; outcomes: AttemptOutcome[] }

export async function scanDigests(ctx: JobContext, now: Date = ctx.now()): Promise<DigestScan> {
  const platforms = deliveryPlatforms(ctx.deliverers);
  if (platforms.length === 0) return { due: 0, claimed: [], outcomes: [] };
  const { rows } = await ctx.pool.query<LinkRow>(
    `select l.id, l.company_id, l.platform, l.digest_channel_id, l.digest_hour, l.weekly_digest_day, c.time_zone
     from workspace_links l join companies c on c.id = l.company_id
     where l.digest_channel_id is not null and l.platform = any($1::text[]) and ${liveCompanySql('c')} order by l.id`, [platforms]);
  const claims: DeliveryClaim[] = [];
  for (const link of rows) {
    try {
      for (const due of dueDigests(now, link.time_zone, { digestHour: link.digest_hour, weeklyDigestDay: link.weekly_digest_day })) {
        claims.push({
          companyId: Number(link.company_id), workspaceLinkId: Number(link.id), kind: due.kind, period: due.period,
          platform: link.platform, channelId: link.digest_channel_id,
        });
      }
    } catch (err) {
      ctx.log.warn({ job: 'digests:scan', companyId: Number(link.company_id), link: Number(link.id), ...errorFields(err) }, 'digest schedule unreadable; skipped');
    }
  }
  const claimed = await claimDeliveries(ctx.pool, claims, { now, leaseMs: ctx.delivery.leaseMs });
  return { due: claims.length, claimed, outcomes: await postClaimed(ctx, claimed) };
}
