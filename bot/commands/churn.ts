// `/churn [risk]`: the at-risk members of the latest scoring with probability, risk level, the top factors in
// words and the recommended action, four per page with their buttons (Discord allows five component rows:
// four members x four buttons, and one row of page buttons and "Who?", which lists any risk level's members,
// low included: actions/churn-who.ts); the risk histogram; the model sentence.
import { describeModel, type RiskLevel } from '../../core/churn/index.ts';
import { riskRange } from '../../core/churn/risk.ts';
import { BadInput } from '../../core/errors.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { MEMBER_LIST_CAP } from '../../core/tiers/tier-limits.ts';
import { answer, type Answer, type AnswerChart, type AnswerComponent } from '../answer.ts';
import { churnPageId, WHO_CHURN_ACTION, type RiskFilter } from '../parts/action-ids.ts';
import { atRiskPage, latestScoring, type LatestScoring } from '../../core/churn/latest-predictions.repository.ts';
import { churnButtons, churnTable } from '../parts/churn-rows.ts';
import { tenantOf } from '../parts/context.ts';
import { formatNumber, instantLabel } from '../parts/format.ts';
import type { Command } from './types.ts';
import type { BotDeps } from '../deps.ts';

/** Members per page: each takes one component row of four buttons; the fifth row pages. */
export const CHURN_PAGE_SIZE = 4;

export const riskFilters: Record<RiskFilter, RiskLevel[]> = {
  critical: ['critical'],
  high: ['high'],
  medium: ['medium'],
  low: ['low'],
  all: ['critical', 'high', 'medium'],
};

export function parseRiskFilter(value: unknown): RiskFilter {
  if (value === undefined || value === '') return 'all';
  if (typeof value === 'string' && value in riskFilters) return value as RiskFilter;
  throw new BadInput('risk must be critical, high, medium, low or all');
}

export function riskChart(s: LatestScoring): AnswerChart {
  const c = s.counts;
  return {
    spec: { kind: 'risk', data: { probabilities: s.probabilities } },
    filename: 'risk.png',
    alt: `Churn risk of ${formatNumber(s.probabilities.length)} members`,
    numbers: `${formatNumber(s.probabilities.length)} members scored: ${c.critical} critical (${riskRange('critical')}), ${c.high} high (${riskRange('high')}), ${c.medium} medium (${riskRange('medium')}), ${c.low} low`,
  };
}

export function modelSentence(s: LatestScoring): string {
  return describeModel(s.model.source, s.model.algorithm, s.model.metrics);
}

function pageRow(risk: RiskFilter, page: number, pages: number): AnswerComponent[] {
  const row: AnswerComponent[] = [];
  if (page > 0)
    row.push({ type: 'button', id: churnPageId(risk, page - 1), label: `◀ Page ${page}`, style: 'secondary' });
  if (page + 1 < pages)
    row.push({ type: 'button', id: churnPageId(risk, page + 1), label: `Page ${page + 2} ▶`, style: 'secondary' });
  row.push({ type: 'button', id: WHO_CHURN_ACTION, label: 'Who? By risk level', style: 'secondary' });
  return row;
}

export async function churnAnswer(deps: BotDeps, tenant: Tenant, risk: RiskFilter, page: number): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const scoring = await latestScoring(deps.db, company.id, now);
  if (!scoring) {
    return answer({
      title: 'Churn risk',
      summary:
        'Pulse has not scored this community yet: scores arrive after the nightly run that follows the first sync.',
      tone: 'info',
      memberLevel: true,
    });
  }
  const cap = MEMBER_LIST_CAP[company.tier];
  const first = await atRiskPage(deps.db, company.id, scoring.scoredAt, riskFilters[risk], now, {
    offset: 0,
    limit: 0,
  });
  const listable = cap === null ? first.total : Math.min(cap, first.total);
  const pages = Math.max(1, Math.ceil(listable / CHURN_PAGE_SIZE));
  const index = Math.min(Math.max(0, page), pages - 1);
  const offset = index * CHURN_PAGE_SIZE;
  const { rows } = await atRiskPage(deps.db, company.id, scoring.scoredAt, riskFilters[risk], now, {
    offset,
    limit: Math.min(CHURN_PAGE_SIZE, listable - offset),
  });
  const c = scoring.counts;
  const which = risk === 'all' ? 'at risk' : `at ${risk} risk`;
  const notices =
    cap !== null && first.total > cap
      ? [
          `The ${company.tier} plan lists ${cap} members; ${first.total - cap} more are counted in the totals but not listed. Upgrade to see everyone.`,
        ]
      : [];
  const table = churnTable(rows, offset + 1);
  table.page = { index, count: pages, total: listable };
  const paging = pageRow(risk, index, pages);
  return answer({
    title: `Churn risk · ${risk === 'all' ? 'all at-risk members' : risk}`,
    summary:
      first.total === 0
        ? `No member ${which} right now (${formatNumber(scoring.probabilities.length)} scored).`
        : `${formatNumber(first.total)} members ${which}: ${c.critical} critical, ${c.high} high, ${c.medium} medium of ${formatNumber(scoring.probabilities.length)} scored.`,
    tone: c.critical > 0 ? 'bad' : c.high > 0 ? 'warning' : 'good',
    tables: rows.length ? [table] : [],
    charts: [riskChart(scoring)],
    components: [...rows.map((r, i) => churnButtons(r, offset + 1 + i)), paging],
    memberLevel: true,
    footer: { period: `scored ${instantLabel(scoring.scoredAt, company.timeZone)}`, model: modelSentence(scoring) },
    notices,
  });
}

export const churnCommand: Command = {
  name: 'churn',
  description: 'Members at risk of leaving, why, and what to do, with action buttons',
  options: [
    {
      name: 'risk',
      description: 'Which risk level (default: all at-risk members)',
      type: 'string',
      choices: [
        { name: 'Critical', value: 'critical' },
        { name: 'High', value: 'high' },
        { name: 'Medium', value: 'medium' },
        { name: 'All at risk', value: 'all' },
      ],
    },
  ],
  access: 'granted',
  answers: 'member',
  slow: true,
  handle: (ctx) => churnAnswer(ctx.deps, tenantOf(ctx), parseRiskFilter(ctx.options.risk), 0),
};
