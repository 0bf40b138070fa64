// `/pulse status`: is Pulse healthy here — the first sync's progress until it is done, last Whop sync per resource, last digest and failed deliveries,
// churn model quality and members analysed, the tier and the coach's usage this month. Anyone granted Pulse
// may run it, so a failed delivery shows what kind of failure it was and its ledger reference (`ref d42`),
// never the stored error text (SQL, addresses, a platform's internal message stay in the row and the log).
import { coachUsage } from '../../core/coach/usage.repository.ts';
import { MEMBER_LIST_CAP } from '../../core/tiers/tier-limits.ts';
import { listStates } from '../../core/whop/sync-state.ts';
import { answer, type AnswerField } from '../answer.ts';
import { latestScoring } from '../../core/churn/latest-predictions.repository.ts';
import { modelSentence } from './churn.ts';
import { tenantOf } from '../parts/context.ts';
import { ago, formatNumber, instantLabel } from '../parts/format.ts';
import { channelMention } from '../parts/mentions.ts';
import { chatDeliveryStatus } from '../../core/delivery/status.repository.ts';
import type { Command } from './types.ts';
import { reapprovalFields } from '../parts/reapproval-field.ts';
import { firstSyncField } from '../parts/sync-progress.ts';
import { firstSyncFinishedAt } from '../../core/pipeline/first-sync.repository.ts';

export const pulseStatusCommand: Command = {
  name: 'pulse status',
  description: 'Last sync, last digest, failed deliveries, model quality, plan and usage',
  options: [],
  access: 'granted',
  answers: 'public',
  slow: true,
  async handle(ctx) {
    const { company } = tenantOf(ctx);
    const db = ctx.deps.db;
    const now = ctx.deps.now();
    const [syncs, deliveries, scoring, usage, firstDoneAt] = await Promise.all([
      listStates(db, company.id),
      chatDeliveryStatus(db, company.id, { failedLimit: 5 }),
      latestScoring(db, company.id, now),
      coachUsage(db, company.id, now),
      firstSyncFinishedAt(db, company.id),
    ]);
    // The delivery ledger's own read (core/delivery): newest digest anywhere, permanent failures of 14 days.
    const digest = [...deliveries.lastDigests].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime())[0];
    const since = now.getTime() - 14 * 86_400_000;
    const failed = deliveries.failed.filter((f) => f.claimedAt.getTime() >= since);
    const kindText = (kind: string) => kind.replace(/_/g, ' ');
    const syncLines = syncs.map(
      (s) =>
        `${s.resource}: ${s.status === 'running' ? 'syncing now' : s.finishedAt ? `synced ${ago(s.finishedAt, now)}` : 'not finished yet'}`,
    );
    const cap = MEMBER_LIST_CAP[company.tier];
    const fields: AnswerField[] = [
      ...firstSyncField(syncs, firstDoneAt, company.timeZone),
      { label: 'Whop sync', value: syncLines.length ? syncLines.join('\n') : 'not synced yet' },
      {
        label: 'Last digest',
        value: digest
          ? `${kindText(digest.kind)} in ${channelMention(digest.channelId)}, ${ago(digest.postedAt, now)}`
          : 'none posted yet',
        inline: true,
      },
      {
        label: 'Failed deliveries (14 days)',
        value: failed.length
          ? failed
              .map(
                (f) =>
                  `${kindText(f.kind)} to ${channelMention(f.channelId)} (${f.platform}), ${instantLabel(f.claimedAt, company.timeZone)}: ${f.category} (ref ${f.reference})`,
              )
              .join('\n')
          : 'none',
      },
      ...(deliveries.retrying.length
        ? [
            {
              label: 'Retrying',
              value: deliveries.retrying
                .slice(0, 5)
                .map(
                  (r) =>
                    `${kindText(r.kind)} to ${channelMention(r.channelId)} (${r.platform}), attempt ${r.attempts}: ${r.category} (ref ${r.reference})`,
                )
                .join('\n'),
            },
          ]
        : []),
      { label: 'Churn model', value: scoring ? modelSentence(scoring) : 'not trained or scored yet' },
      {
        label: 'Members analysed',
        value: scoring
          ? `${formatNumber(scoring.probabilities.length)} scored ${ago(scoring.scoredAt, now)}${cap === null ? '' : ` (lists show up to ${cap})`}`
          : '0',
        inline: true,
      },
      { label: 'Plan', value: company.tier, inline: true },
      {
        label: 'AI coach this month',
        value: `${formatNumber(usage.questions)} of ${usage.limit === null ? 'unlimited' : formatNumber(usage.limit)} questions, ${formatNumber(usage.tokens)} tokens`,
        inline: true,
      },
    ];
    fields.unshift(...(await reapprovalFields(db, company.id, ctx.deps)));
    const healthy = failed.length === 0 && syncs.length > 0;
    // The channels named above are Pulse's own mentions: declared, so they render as channel links.
    const channels = [
      ...(digest ? [digest.channelId] : []),
      ...failed.map((f) => f.channelId),
      ...deliveries.retrying.slice(0, 5).map((r) => r.channelId),
    ];
    return answer({
      title: 'Pulse status',
      tone: failed.length ? 'warning' : healthy ? 'good' : 'info',
      fields,
      references: [...new Set(channels)].map((id) => channelMention(id)),
      notices:
        usage.remaining === 0
          ? [`This month's AI coach questions are used up; the count starts again on ${usage.resetsOn}.`]
          : [],
    });
  },
};
