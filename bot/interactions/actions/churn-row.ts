// The buttons on a churn row: Mark contacted, Snooze 7 d, Not at risk (kept as a training label), Open profile
// report. The prediction is looked up within this workspace's company only (another company's id is refused
// and nothing is written); each action is recorded with who pressed it and when.
import { recordFeedback } from '../../../core/churn/index.ts';
import type { FeedbackLabel } from '../../../core/db/entities/churn.ts';
import { actorRef, type Actor, type Tenant } from '../../../core/tenancy/index.ts';
import { answer, type Answer } from '../../answer.ts';
import type { ChurnRowAction } from '../../parts/action-ids.ts';
import { predictionsOf, type PredictionRow } from '../../../core/churn/latest-predictions.repository.ts';
import { memberName } from '../../parts/context.ts';
import { instantLabel } from '../../parts/format.ts';
import { reportsNotConfigured } from '../../parts/reports-missing.ts';
import type { BotDeps } from '../../deps.ts';

const labels: Record<Exclude<ChurnRowAction, 'profile'>, FeedbackLabel> = {
  contacted: 'contacted',
  snooze: 'snoozed',
  notrisk: 'not_at_risk',
};

const private_ = (title: string, summary: string, tone: Answer['tone'] = 'good') =>
  answer({ title, summary, tone, visibility: 'ephemeral', memberLevel: true });

function alreadyDone(action: ChurnRowAction, row: PredictionRow, now: Date, tz: string): string | null {
  if (action === 'contacted' && row.actionedAt)
    return `already marked contacted on ${instantLabel(row.actionedAt, tz)}`;
  if (action === 'snooze' && row.snoozedUntil && row.snoozedUntil > now)
    return `already snoozed until ${instantLabel(row.snoozedUntil, tz)}`;
  if (action === 'notrisk' && row.notAtRisk) return 'already marked not at risk';
  return null;
}

export async function churnRowAction(
  deps: BotDeps,
  tenant: Tenant,
  actor: Actor,
  action: ChurnRowAction,
  predictionId: number,
): Promise<Answer> {
  const { company } = tenant;
  const [row] = await predictionsOf(deps.db, company.id, [predictionId]);
  if (!row)
    return answer({
      title: 'Not available here',
      summary: "That alert does not belong to this workspace's company.",
      tone: 'warning',
      visibility: 'ephemeral',
    });
  const now = deps.now();
  const who = actorRef(actor);
  const name = memberName(row);
  if (action === 'profile') {
    if (!deps.reports) return reportsNotConfigured();
    const link = await deps.reports.create({
      companyId: company.id,
      kind: 'member',
      params: { memberId: row.memberId },
      createdBy: who,
      expiresInDays: 7,
    });
    return answer({
      title: `${name}: profile report`,
      summary: `A private link to ${name}'s profile, valid until ${instantLabel(link.expiresAt, company.timeZone)}.`,
      tone: 'info',
      visibility: 'ephemeral',
      memberLevel: true,
      components: [[{ type: 'link', url: link.url, label: 'Open profile report' }]],
    });
  }
  const done = alreadyDone(action, row, now, company.timeZone);
  if (done) return private_('Nothing to change', `**${name}** is ${done}.`, 'info');
  await recordFeedback(deps.db, company.id, {
    memberId: row.memberId,
    predictionId,
    label: labels[action],
    givenBy: who,
    at: now,
  });
  const when = instantLabel(now, company.timeZone);
  if (action === 'contacted')
    return private_(
      'Marked contacted',
      `**${name}** is marked as contacted by you on ${when}. Pulse tracks whether they stay.`,
    );
  if (action === 'snooze') {
    return private_(
      'Snoozed for 7 days',
      `Alerts for **${name}** are snoozed until ${instantLabel(new Date(now.getTime() + 7 * 86_400_000), company.timeZone)}.`,
    );
  }
  return private_(
    'Marked not at risk',
    `Thanks: **${name}** is marked not at risk (${when}); the churn model learns from it.`,
  );
}
