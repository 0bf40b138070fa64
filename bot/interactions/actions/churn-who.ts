// "Who?" under /churn: the latest scoring's members by risk level. The button answers privately with a select
// of the four levels (critical, high, medium, low) and how many members each holds; picking one shows that
// level's members in /churn's list (four per page, with their action buttons), privately.
import { latestScoring } from '../../../core/churn/latest-predictions.repository.ts';
import { riskRange } from '../../../core/churn/risk.ts';
import type { Tenant } from '../../../core/tenancy/index.ts';
import { answer, type Answer } from '../../answer.ts';
import { WHO_RISK_ACTION, type RiskBucket } from '../../parts/action-ids.ts';
import { churnAnswer } from '../../commands/churn.ts';
import { formatNumber } from '../../parts/format.ts';
import type { BotDeps } from '../../deps.ts';

const buckets: Array<[RiskBucket, string]> = [
  ['critical', `Critical (${riskRange('critical')})`],
  ['high', `High (${riskRange('high')})`],
  ['medium', `Medium (${riskRange('medium')})`],
  ['low', 'Low'],
];

export async function churnWhoAnswer(deps: BotDeps, tenant: Tenant): Promise<Answer> {
  const scoring = await latestScoring(deps.db, tenant.company.id, deps.now());
  if (!scoring)
    return answer({
      title: 'Who is at risk?',
      summary: 'Pulse has not scored this community yet.',
      tone: 'info',
      visibility: 'ephemeral',
    });
  const c = scoring.counts;
  return answer({
    title: 'Who is at risk?',
    summary: `${formatNumber(scoring.probabilities.length)} members scored. Pick a risk level to list its members.`,
    tone: 'info',
    visibility: 'ephemeral',
    components: [
      [
        {
          type: 'select',
          id: WHO_RISK_ACTION,
          placeholder: 'Risk level',
          options: buckets.map(([risk, label]) => ({ label: `${label}: ${formatNumber(c[risk])}`, value: risk })),
        },
      ],
    ],
  });
}

export function parseRiskBucket(value: unknown): RiskBucket | null {
  return buckets.some(([risk]) => risk === value) ? (value as RiskBucket) : null;
}

/** The chosen level's members, privately (the select's message is replaced). */
export async function churnBucketAnswer(deps: BotDeps, tenant: Tenant, risk: RiskBucket): Promise<Answer> {
  return { ...(await churnAnswer(deps, tenant, risk, 0)), visibility: 'ephemeral' };
}
