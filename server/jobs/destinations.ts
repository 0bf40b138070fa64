// Where a company's alerts go: each linked workspace's alert channel (its digest channel when no alert
// channel was chosen), on the platforms this worker can post to.
import type { AlertDestination } from '../../core/delivery/index.ts';
import { companyWorkspaceLinks, type WorkspaceLinkRow } from '../../core/tenancy/index.ts';
import { deliveryPlatforms, type JobContext } from './context.ts';

export function alertChannelOf(link: WorkspaceLinkRow): string | null {
  return link.alertChannelId ?? link.digestChannelId;
}

export async function alertDestinations(
  ctx: JobContext,
  companyId: number,
): Promise<{ link: WorkspaceLinkRow; destination: AlertDestination }[]> {
  const platforms = deliveryPlatforms(ctx.deliverers);
  return (await companyWorkspaceLinks(ctx.pool, companyId)).flatMap((link) => {
    const channelId = alertChannelOf(link);
    if (!channelId || !platforms.includes(link.platform)) return [];
    return [{ link, destination: { platform: link.platform, channelId, workspaceLinkId: link.id } }];
  });
}
