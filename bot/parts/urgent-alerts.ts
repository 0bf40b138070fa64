// The most urgent open churn alerts — critical or high in the latest scoring, not contacted, snoozed or marked
// "not at risk" — for the digest, churn alerts' "show the list" button and App Home.
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, type Answer } from '../answer.ts';
import { commandRef } from '../command-ref.ts';
import {
  atRiskPage,
  latestScoring,
  type LatestScoring,
  type PredictionRow,
} from '../../core/churn/latest-predictions.repository.ts';
import { churnButtons, churnTable } from './churn-rows.ts';
import { modelSentence } from '../commands/churn.ts';
import { instantLabel } from './format.ts';
import type { BotDeps } from '../deps.ts';

export interface UrgentAlerts {
  scoring: LatestScoring | null;
  rows: PredictionRow[];
  /** All open critical/high alerts (rows holds the first `limit`). */
  total: number;
}

export async function urgentAlerts(deps: BotDeps, companyId: number, now: Date, limit: number): Promise<UrgentAlerts> {
  const scoring = await latestScoring(deps.db, companyId, now);
  if (!scoring) return { scoring: null, rows: [], total: 0 };
  const page = await atRiskPage(deps.db, companyId, scoring.scoredAt, ['critical', 'high'], now, {
    offset: 0,
    limit,
    openOnly: true,
  });
  return { scoring, rows: page.rows, total: page.total };
}

/** The open alerts as a private list with their buttons (the reveal button of digests and alerts). */
export async function urgentListAnswer(deps: BotDeps, tenant: Tenant, limit = 4): Promise<Answer> {
  const now = deps.now();
  const u = await urgentAlerts(deps, tenant.company.id, now, limit);
  if (!u.scoring || u.rows.length === 0) {
    return answer({
      title: 'No open churn alerts',
      summary: 'Nobody is at critical or high risk without a follow-up right now.',
      tone: 'good',
      visibility: 'ephemeral',
      memberLevel: true,
    });
  }
  return answer({
    title: 'Most urgent churn alerts',
    summary: `${u.total} open critical or high-risk alert${u.total === 1 ? '' : 's'}${u.total > u.rows.length ? `; the ${u.rows.length} most urgent below, all in \`${commandRef('churn')}\`` : ''}.`,
    tone: 'bad',
    tables: [churnTable(u.rows, 1)],
    components: u.rows.map((r, i) => churnButtons(r, i + 1)),
    memberLevel: true,
    visibility: 'ephemeral',
    footer: {
      period: `scored ${instantLabel(u.scoring.scoredAt, tenant.company.timeZone)}`,
      model: modelSentence(u.scoring),
    },
  });
}
