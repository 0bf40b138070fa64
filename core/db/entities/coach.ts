// The AI coach's memory (one conversation per chat user, workspace and channel), the user's recent questions
// (the per-user rate limit) and the company's monthly usage.
import { defineEntity, p } from '@mikro-orm/core';
import { serialId, updatedAt } from './columns.ts';
import { companyKey, companyRef } from './tenant.ts';
import { WorkspaceLink } from './workspace-links.ts';

export const CoachConversation = defineEntity({
  name: 'CoachConversation',
  tableName: 'coach_conversations',
  properties: {
    company: companyKey(),
    id: serialId(),
    workspaceLink: p.manyToOne(WorkspaceLink).ref().nullable().deleteRule('set null'),
    /** Who asked, e.g. `discord:<user id>`. */
    userRef: p.text(),
    /** The channel asked in (`''` when the caller gives none: one conversation per user and workspace). */
    channelRef: p.text().default(''),
    /** Deterministic summary of the turns older than the last five. */
    summary: p.text().default(''),
    /** The last five questions and answers, oldest first. */
    turns: p.json<unknown[]>().defaultRaw(`'[]'`),
    /** Instants (ISO) of this user's questions here within the rate-limit window. */
    recentAsks: p.json<string[]>().defaultRaw(`'[]'`),
    updatedAt: updatedAt(),
  },
  indexes: [{ properties: ['company', 'userRef'] }],
});

export const CoachUsage = defineEntity({
  name: 'CoachUsage',
  tableName: 'coach_usage',
  properties: {
    company: companyRef().primary(),
    /** First day of the month, 'YYYY-MM-01'. */
    month: p.date().primary(),
    questions: p.integer().default(0),
    tokens: p.bigint('number').default(0),
  },
});
