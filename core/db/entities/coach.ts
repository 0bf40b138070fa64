// The AI coach's memory (one conversation per chat user and workspace) and its monthly usage.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { serialId, updatedAt } from './columns.ts';
import { companyRef } from './tenant.ts';
import { WorkspaceLink } from './workspace-links.ts';

export const CoachConversation = defineEntity({
  name: 'CoachConversation',
  tableName: 'coach_conversations',
  properties: {
    id: serialId(),
    company: companyRef(),
    workspaceLink: p.manyToOne(WorkspaceLink).ref().nullable().deleteRule('set null'),
    /** Who asked, e.g. `discord:<user id>`. */
    userRef: p.text(),
    summary: p.text().default(''),
    turns: p.json<unknown[]>().defaultRaw(`'[]'`),
    updatedAt: updatedAt(),
  },
});
export type ICoachConversation = InferEntity<typeof CoachConversation>;

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
export type ICoachUsage = InferEntity<typeof CoachUsage>;
