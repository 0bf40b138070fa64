// workspace_links: a Discord guild or Slack team attached to exactly one company.
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt, serialId, updatedAt } from './columns.ts';
import { companyRef } from './tenant.ts';

export const chatPlatforms = ['discord', 'slack'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

export const WorkspaceLink = defineEntity({
  name: 'WorkspaceLink',
  tableName: 'workspace_links',
  properties: {
    id: serialId(),
    company: companyRef(),
    platform: p.enum(chatPlatforms),
    /** Guild id (Discord) or team id (Slack). */
    externalId: p.text(),
    digestChannelId: p.text().nullable(),
    alertChannelId: p.text().nullable(),
    allowedRoleIds: p.array().defaultRaw(`'{}'`),
    /** Local hour (company time zone) of the daily digest. */
    digestHour: p.smallint().default(9),
    /** 0 = Sunday … 6 = Saturday; null = no weekly digest. */
    weeklyDigestDay: p.smallint().nullable(),
    /** A private channel where member-level answers may be posted publicly (opt-in); null = always ephemeral. */
    staffChannelId: p.text().nullable(),
    /** Gateway mode: count messages per member per day (never their content) as engagement (opt-in). */
    captureActivity: p.boolean().default(false),
    /** Who linked it (`discord:<user id>`). */
    linkedBy: p.text().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [{ properties: ['platform', 'externalId'] }],
});
