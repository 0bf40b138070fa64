// Churn model runs (null company = pooled model), per-member predictions, and creators' feedback on them.
import { defineEntity, p } from '@mikro-orm/core';
import { Company } from './companies.ts';
import { createdAt, serialId } from './columns.ts';
import { Member } from './members.ts';
import { Membership } from './memberships.ts';
import { companyKey, companyKeyImplied, includeColumns, sameCompany, setNull, targetKey } from './tenant.ts';

export const riskLevels = ['critical', 'high', 'medium', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const feedbackLabels = ['not_at_risk', 'contacted', 'snoozed'] as const;
export type FeedbackLabel = (typeof feedbackLabels)[number];

/** auc, brier, ece, precision_at_10. */
export type ChurnModelMetrics = Record<string, number>;

export const ChurnModelRun = defineEntity({
  name: 'ChurnModelRun',
  tableName: 'churn_model_runs',
  properties: {
    id: serialId(),
    company: p.manyToOne(Company).ref().nullable().deleteRule('cascade'),
    algorithm: p.text(),
    /**
     * Which link of the scoring chain made it (core/churn/model-sources.ts): `company`, `pooled`, `rules`, or a
     * source added later; no check constraint, so a new source needs no migration.
     */
    source: p.text(),
    trainedAt: p.datetime(),
    seed: p.integer(),
    metrics: p.json<ChurnModelMetrics>(),
    model: p.json<unknown>(),
  },
  // Each company's latest model (scoring, /pulse status, the model-quality gauges).
  indexes: [{ properties: ['company', 'trainedAt'] }],
});

export const ChurnPrediction = defineEntity({
  name: 'ChurnPrediction',
  tableName: 'churn_predictions',
  properties: {
    company: companyKeyImplied(),
    id: serialId(),
    member: p
      .manyToOne(Member)
      .ref()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    membership: p
      .manyToOne(Membership)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('membership_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('membership_id')),
    modelRun: p.manyToOne(ChurnModelRun).ref().deleteRule('cascade'),
    scoredAt: p.datetime(),
    probability: p.float(),
    risk: p.enum(riskLevels),
    factors: p.json<unknown[]>(),
    actions: p.json<unknown[]>(),
    windowEndsAt: p.datetime(),
    outcomeChurned: p.boolean().nullable(),
    actionedAt: p.datetime().nullable(),
    snoozedUntil: p.datetime().nullable(),
  },
  indexes: [
    { properties: ['company', 'scoredAt'] },
    { properties: ['company', 'member'] },
    // Each member's latest prediction as of a time, read from the index alone (at-risk counts of /engagement).
    {
      name: 'churn_predictions_latest_index',
      properties: ['company', 'member', 'scoredAt', 'id'],
      include: includeColumns('risk'),
    },
  ],
});

export const ChurnFeedback = defineEntity({
  name: 'ChurnFeedback',
  tableName: 'churn_feedback',
  properties: {
    company: companyKey(),
    id: serialId(),
    member: p
      .manyToOne(Member)
      .ref()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    prediction: p
      .manyToOne(ChurnPrediction)
      .ref()
      .nullable()
      .joinColumns(...sameCompany('prediction_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule(setNull('prediction_id')),
    label: p.enum(feedbackLabels),
    givenBy: p.text(),
    createdAt: createdAt(),
  },
});
