// setup_channels: the chat channel each workspace was set up from (where "Pulse is ready" is posted after the
// company's first sync), and first_syncs: when a company's first full sync (with its rollups and first churn
// scores) finished, so the first answers are made once.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { companyRef } from './tenant.ts';
import { chatPlatforms } from './workspace-links.ts';

export const SetupChannel = defineEntity({
  name: 'SetupChannel',
  tableName: 'setup_channels',
  properties: {
    company: companyRef().primary(),
    platform: p.enum(chatPlatforms).primary(),
    /** Guild id (Discord) or team id (Slack). */
    externalId: p.text().primary(),
    /** Where /pulse setup (or the Whop-key form) was used. */
    channelId: p.text(),
    recordedAt: p.datetime(),
  },
});
export type ISetupChannel = InferEntity<typeof SetupChannel>;

export const FirstSync = defineEntity({
  name: 'FirstSync',
  tableName: 'first_syncs',
  properties: {
    company: companyRef().primary(),
    /** The first sync, its rollups and its churn scores were done; the ready posts were claimed. */
    finishedAt: p.datetime(),
  },
});
export type IFirstSync = InferEntity<typeof FirstSync>;
