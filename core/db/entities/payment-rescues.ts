// payment_rescues: failed-payment episodes of memberships (core/rescue). An episode opens at a membership's
// failed renewal and ends when the membership pays again (recovered) or its access ends or 30 days pass unpaid
// (lost); at most one open episode per membership (partial unique index), so a re-delivered webhook or a second
// worker never opens it twice. The creator's buttons (contacted, resolved, snoozed) are kept on the row;
// `version` counts changes worth showing and `shown_version` the one the posted alerts show.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, minorUnits, updatedAt } from './columns.ts';
import { companyRef } from './tenant.ts';

export const rescueOutcomes = ['open', 'recovered', 'lost'] as const;
export type RescueOutcome = (typeof rescueOutcomes)[number];

export const PaymentRescue = defineEntity({
  name: 'PaymentRescue',
  tableName: 'payment_rescues',
  properties: {
    company: companyRef().primary(),
    id: p.bigint('number').primary().autoincrement(),
    membershipId: p.bigint('number'),
    /** Kept for erasing a member (every table with member_id); null when the payment named nobody. */
    memberId: p.bigint('number').nullable(),
    planId: p.bigint('number').nullable(),
    /** The failing payment the alert shows (the latest of the episode). */
    paymentId: p.bigint('number'),
    /** The first failed attempt of the episode's first payment. */
    startedAt: p.datetime(),
    /** Failed attempts in the episode (Whop's payments_failed, summed over its payments). */
    attempts: p.integer(),
    amountMinor: minorUnits(),
    currency: p.text(),
    /** The membership's MRR the failure puts at stake; null when paid in another currency than the company reports in. */
    mrrMinor: minorUnits().nullable(),
    failureMessage: p.text().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    outcome: p.enum(rescueOutcomes).default('open'),
    /** When it was recovered (the paying payment's paid_at) or lost (access ended, or 30 days unpaid). */
    outcomeAt: p.datetime().nullable(),
    contactedAt: p.datetime().nullable(),
    contactedBy: p.text().nullable(),
    resolvedAt: p.datetime().nullable(),
    resolvedBy: p.text().nullable(),
    snoozedUntil: p.datetime().nullable(),
    snoozedBy: p.text().nullable(),
    version: p.integer().default(1),
    shownVersion: p.integer().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [
    { name: 'payment_rescues_open_episode_unique', properties: ['company', 'membershipId'], where: `outcome = 'open'` },
  ],
  indexes: [
    { properties: ['company', 'startedAt'] },
    {
      name: 'payment_rescues_company_id_outcome_at_index',
      properties: ['company', 'outcomeAt'],
      where: 'outcome_at is not null',
    },
    { name: 'payment_rescues_unshown_index', properties: ['company'], where: 'version > shown_version' },
  ],
});
export type IPaymentRescue = InferEntity<typeof PaymentRescue>;
