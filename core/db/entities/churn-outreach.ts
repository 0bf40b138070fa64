// churn_outreach: messages a creator's admin sent (or tried to send) to an at-risk member from a churn row's
// "Reach out" button, one row per click. The primary key (company_id, click_key) is what makes a send happen at
// most once per click: a retried submission finds the row and replays its outcome. member_id and prediction_id
// are plain columns (no foreign key across companies); erasing a member deletes their rows by member_id.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt } from './columns.ts';
import { companyRef } from './tenant.ts';

/** Where the message went: Whop's support chat, a Discord DM, or nowhere (the text was offered to copy). */
export const outreachChannels = ['whop', 'discord', 'copy'] as const;
export type OutreachChannel = (typeof outreachChannels)[number];
/** `sending` while the send is under way; `unknown` when the platform did not confirm (it may have arrived). */
export const outreachStatuses = ['sending', 'sent', 'not_sent', 'unknown'] as const;
export type OutreachStatus = (typeof outreachStatuses)[number];

export const ChurnOutreach = defineEntity({
  name: 'ChurnOutreach',
  tableName: 'churn_outreach',
  properties: {
    company: companyRef().primary(),
    /** `discord:<button interaction id>` or `slack:<trigger id>`: the click the form was opened by. */
    clickKey: p.text().primary(),
    predictionId: p.bigint('number'),
    memberId: p.bigint('number'),
    status: p.enum(outreachStatuses),
    channel: p.enum(outreachChannels).nullable(),
    /** The text as the admin sent it (member-level data: shown only to admins). */
    message: p.text(),
    /** Why it was not sent, in the admin's words (null when sent). */
    reason: p.text().nullable(),
    /** The platform's message id (Whop message, Discord message). */
    externalId: p.text().nullable(),
    /** Who pressed it, e.g. `discord:<user id>`. */
    sentBy: p.text(),
    createdAt: createdAt(),
    finishedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['company', 'memberId', 'createdAt'] }, { properties: ['company', 'predictionId'] }],
});
export type IChurnOutreach = InferEntity<typeof ChurnOutreach>;
