// churn_alerts: risk episodes of members, so a member alerts once per episode and not at every scan. An
// episode opens when a member's latest scoring is critical or high (and they are not snoozed) and closes
// when a later scoring puts them below high; at most one open episode per member (partial unique index).
import { defineEntity, p } from '@mikro-orm/core';
import { ChurnPrediction, riskLevels } from './churn.ts';
import { createdAt, serialId } from './columns.ts';
import { Member } from './members.ts';
import { companyKey, sameCompany, targetKey } from './tenant.ts';

export const ChurnAlert = defineEntity({
  name: 'ChurnAlert',
  tableName: 'churn_alerts',
  properties: {
    company: companyKey(),
    id: serialId(),
    member: p
      .manyToOne(Member)
      .ref()
      .joinColumns(...sameCompany('member_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    /** The prediction that opened the episode (what the alert shows). */
    prediction: p
      .manyToOne(ChurnPrediction)
      .ref()
      .joinColumns(...sameCompany('prediction_id'))
      .referencedColumnNames(...targetKey)
      .deleteRule('cascade'),
    risk: p.enum(riskLevels),
    /** scored_at of the opening prediction. */
    startedAt: p.datetime(),
    /** scored_at of the first scoring below high; null while the episode lasts. */
    endedAt: p.datetime().nullable(),
    createdAt: createdAt(),
  },
  uniques: [{ name: 'churn_alerts_open_episode_unique', properties: ['company', 'member'], where: 'ended_at is null' }],
});
