// "Pulse is ready": posted once in the channel a workspace was set up from, right after the company's first
// sync, its rollups and its first churn scores (server/jobs/first-answers.ts). The headline figures come from
// the digest's builders (digest-figures.ts: MRR and paying members as of now, members active in the last 7
// days) and the latest scoring (members scored, counts per risk level, which model scored them). Counts only: no
// member is named, whatever the channel.
import { latestScoring } from '../../core/churn/latest-predictions.repository.ts';
import { riskRange } from '../../core/churn/risk.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, data, type Answer } from '../answer.ts';
import { modelSentence } from '../commands/churn.ts';
import { formatNumber, instantLabel, money } from '../parts/format.ts';
import type { BotDeps } from '../deps.ts';
import { digestFigures } from './digest-figures.ts';

export async function buildReadyPost(deps: BotDeps, tenant: Tenant, asOf: Date): Promise<Answer> {
  const { company } = tenant;
  const f = await digestFigures(deps, company, 'weekly', asOf);
  const scoring = await latestScoring(deps.db, company.id, asOf);
  const c = f.revenue.report.current;
  const levels = scoring?.counts ?? { critical: 0, high: 0, medium: 0, low: 0 };
  const atRisk = levels.critical + levels.high + levels.medium;
  return answer({
    title: 'Pulse is ready',
    summary: `Pulse has read **${data(company.name, 100)}** from Whop. Your first figures:`,
    tone: 'good',
    fields: [
      { label: 'MRR', value: money(c.mrrEndMinor, company.currency), inline: true },
      { label: 'Paying members', value: formatNumber(c.customersEnd), inline: true },
      { label: 'Active in the last 7 days', value: formatNumber(f.active.now), inline: true },
      {
        label: 'At risk of leaving',
        value: scoring
          ? `${formatNumber(atRisk)} of ${formatNumber(scoring.probabilities.length)} scored: ${formatNumber(levels.critical)} critical (${riskRange('critical')}), ${formatNumber(levels.high)} high (${riskRange('high')}), ${formatNumber(levels.medium)} medium (${riskRange('medium')})`
          : 'not scored yet',
      },
      ...(scoring ? [{ label: 'Scored with', value: modelSentence(scoring) }] : []),
      {
        label: 'Next',
        value:
          '`/churn` lists who is at risk and why · `/revenue` and `/engagement` break the figures down · `/pulse setup` picks the digest and alert channels',
      },
    ],
    footer: { freshness: `data as of ${instantLabel(f.dataAsOf, company.timeZone)}` },
    notices: f.notices,
  });
}
