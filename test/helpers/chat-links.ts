// Linking a test guild or Slack team to a company, with the staff channel and allowed roles a test needs.
import type pg from 'pg';
import { linkWorkspace, type ChatPlatform } from '../../core/tenancy/index.ts';

export interface TestLinkOptions {
  staffChannelId?: string;
  allowedRoleIds?: string[];
}

export async function linkForTest(
  pool: pg.Pool,
  platform: ChatPlatform,
  externalId: string,
  companyId: number,
  o: TestLinkOptions = {},
): Promise<void> {
  const link = await linkWorkspace(pool, { platform, externalId, companyId, linkedBy: `${platform}:owner` });
  if (o.staffChannelId || o.allowedRoleIds) {
    await pool.query('update workspace_links set staff_channel_id = $2, allowed_role_ids = $3 where id = $1', [
      link.id,
      o.staffChannelId ?? null,
      o.allowedRoleIds ?? [],
    ]);
  }
}
