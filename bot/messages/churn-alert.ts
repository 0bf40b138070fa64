// The churn alert post for members who newly turned critical: each member with the probability, why and
// what to do, and the buttons Mark contacted / Snooze 7 d / Not at risk / Open profile report. Up to 5
// members get a button row each (Discord's 5 rows); more are batched into one list with buttons for the
// first 4 and a button for the rest. Names appear only when the alert channel is the staff channel;
// elsewhere the post says how many and offers a button that shows them privately.
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, type Answer, type AnswerComponent } from '../answer.ts';
import { REVEAL_URGENT_ACTION } from '../parts/action-ids.ts';
import { commandRef } from '../command-ref.ts';
import { predictionsOf, type PredictionRow } from '../../core/churn/latest-predictions.repository.ts';
import { churnButtons, churnTable } from '../parts/churn-rows.ts';
import { memberName } from '../parts/context.ts';
import { formatPercent, instantLabel } from '../parts/format.ts';
import type { BotDeps } from '../deps.ts';

/** Alerts for more members than this are batched into one list. */
export const ALERT_BATCH_AFTER = 5;
/** Rows listed in a batched alert (the rest are in /churn). */
const BATCH_LISTED = 25;

const revealRow: AnswerComponent[] = [
  { type: 'button', id: REVEAL_URGENT_ACTION, label: 'Show the members', style: 'primary' },
];

function title(rows: PredictionRow[], showNames: boolean): string {
  const first = rows[0]!;
  if (rows.length === 1 && showNames)
    return `Churn alert: ${memberName(first)} is at ${first.risk} risk (${formatPercent(first.probability, 0)})`;
  const levels = [...new Set(rows.map((r) => r.risk))];
  const level =
    levels.length === 1 ? levels[0] : levels.includes('critical') ? 'high or critical' : levels.join(' or ');
  return `Churn alert: ${rows.length} member${rows.length === 1 ? '' : 's'} newly at ${level} risk`;
}

export async function buildChurnAlert(
  deps: BotDeps,
  tenant: Tenant,
  predictions: { predictionId: number }[],
): Promise<Answer> {
  const { company, link } = tenant;
  // Only this company's predictions: an id from elsewhere is dropped, never shown.
  const rows = await predictionsOf(
    deps.db,
    company.id,
    predictions.map((p) => p.predictionId),
  );
  if (rows.length === 0)
    return answer({
      title: 'No churn alerts',
      summary: 'None of these alerts belongs to this company.',
      tone: 'neutral',
    });
  const showNames = link.alertChannelId !== null && link.alertChannelId === link.staffChannelId;
  const footer = { period: `scored ${instantLabel(rows[0]!.scoredAt, company.timeZone)}` };
  if (!showNames) {
    return answer({
      title: title(rows, false),
      tone: 'bad',
      footer,
      summary:
        'Names are shown only in the staff channel, or privately with the button below. Each needs a personal follow-up soon.',
      components: [revealRow],
    });
  }
  const batched = rows.length > ALERT_BATCH_AFTER;
  const listed = rows.slice(0, batched ? BATCH_LISTED : ALERT_BATCH_AFTER);
  const withButtons = listed.slice(0, batched ? ALERT_BATCH_AFTER - 1 : ALERT_BATCH_AFTER);
  const table = churnTable(listed, 1);
  // One alert reads better with all its factors and every recommended action.
  const single = rows.length === 1 ? rows[0]! : null;
  return answer({
    title: title(rows, true),
    tone: 'bad',
    footer,
    memberLevel: true,
    summary: single
      ? `**Why:** ${single.factors.map((f) => f.sentence).join('; ') || 'no single factor stands out'}\n**What to do:** ${single.actions.map((a) => a.text).join('; ') || 'reach out personally'}`
      : batched
        ? `${rows.length} members turned critical; ${withButtons.length} have buttons here, all are in \`${commandRef('churn', 'critical')}\`.`
        : undefined,
    tables: single ? [] : [table],
    components: [...withButtons.map((r, i) => churnButtons(r, i + 1)), ...(batched ? [revealRow] : [])],
    notices:
      rows.length > listed.length
        ? [`${rows.length - listed.length} more are listed in \`${commandRef('churn', 'critical')}\`.`]
        : [],
  });
}
