// The daily and weekly digest post: headline numbers with deltas (MRR, net new MRR, active and at-risk
// members), failed renewals (failed, recovered and lost-to-failure MRR), the MRR chart, the three most urgent
// churn alerts with their buttons, one suggested action.
// Member names appear only when the digest channel is the staff channel; elsewhere the alerts are a count
// and a button that shows the members privately to whoever may see them.
import { addDays } from '../../core/period.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, type Answer, type AnswerField } from '../answer.ts';
import { REVEAL_URGENT_ACTION } from '../parts/action-ids.ts';
import { churnButtons, churnTable } from '../parts/churn-rows.ts';
import {
  countDelta,
  formatDate,
  formatNumber,
  instantLabel,
  money,
  moneyDelta,
  periodLabel,
  signedMoney,
} from '../parts/format.ts';
import { mrrLineChart } from '../parts/revenue-data.ts';
import type { BotDeps } from '../deps.ts';
import { urgentAlerts } from '../parts/urgent-alerts.ts';
import { digestFigures, type DigestKind } from './digest-figures.ts';
import { rescueFigures, type RescueFigures } from '../../core/rescue/index.ts';
import { suggestedAction } from './digest-suggestion.ts';

const URGENT = 3;

/** "2 failed ($40 MRR at stake) · 1 recovered ($10 MRR) · $15 MRR lost", or that none failed. */
export function rescueLine(r: RescueFigures, currency: string): string {
  if (r.failed.count + r.recovered.count + r.lost.count === 0) return 'No failed renewals';
  return [
    `${formatNumber(r.failed.count)} failed (${money(r.failed.mrrMinor, currency)} MRR at stake)`,
    `${formatNumber(r.recovered.count)} recovered (${money(r.recovered.mrrMinor, currency)} MRR)`,
    `${money(r.lost.mrrMinor, currency)} MRR lost to failed payments`,
  ].join(' · ');
}

export async function buildDigest(
  deps: BotDeps,
  tenant: Tenant,
  opts: { kind: DigestKind; asOf: Date },
): Promise<Answer> {
  const { company, link } = tenant;
  const f = await digestFigures(deps, company, opts.kind, opts.asOf);
  const cur = company.currency;
  const c = f.revenue.report.current;
  const urgent = await urgentAlerts(deps, company.id, opts.asOf, URGENT);
  const rescues = await rescueFigures(deps.db, company.id, f.period, company.timeZone, opts.asOf);
  const showNames = link.digestChannelId !== null && link.digestChannelId === link.staffChannelId;
  const against = opts.kind === 'daily' ? 'the day before' : 'the 7 days before';
  const fields: AnswerField[] = [
    {
      label: 'MRR',
      value: `${money(c.mrrEndMinor, cur)}\n${moneyDelta(c.mrrEndMinor, f.previousMrrMinor, cur)}`,
      inline: true,
    },
    {
      label: 'Net new MRR',
      value: `${signedMoney(c.movements.netNewMinor, cur)}${f.previousNetNewMinor === null ? '' : `\n${signedMoney(f.previousNetNewMinor, cur)} ${against}`}`,
      inline: true,
    },
    {
      label: 'Active members',
      value: `${formatNumber(f.active.now)} (${countDelta(f.active.now - f.active.previous)})`,
      inline: true,
    },
    {
      label: 'At risk',
      value: f.atRisk.scored
        ? `${formatNumber(f.atRisk.now)} (${countDelta(f.atRisk.now - f.atRisk.previous)})`
        : '— (not scored yet)',
      inline: true,
    },
    { label: 'Failed payments', value: rescueLine(rescues, cur) },
    {
      label: 'Try this today',
      value: suggestedAction({
        urgent: urgent.rows[0],
        showNames,
        netNewMinor: c.movements.netNewMinor,
        currency: cur,
        activeChange: f.active.now - f.active.previous,
      }),
    },
  ];
  const alerts =
    urgent.total === 0
      ? 'No open critical or high-risk churn alerts.'
      : `${urgent.total} open churn alert${urgent.total === 1 ? '' : 's'} (critical or high risk)${showNames ? `; the ${urgent.rows.length} most urgent below` : ''}.`;
  return answer({
    title:
      opts.kind === 'daily'
        ? `Daily digest · ${formatDate(addDays(f.period.to, -1))}`
        : `Weekly digest · ${periodLabel(f.period, company.timeZone).replace(/ \(.*\)$/, '')}`,
    summary: alerts,
    tone: c.movements.netNewMinor < 0 || urgent.total > 0 ? 'warning' : 'good',
    fields,
    charts: [mrrLineChart(cur, f.mrrDaily, [])],
    tables: showNames && urgent.rows.length ? [churnTable(urgent.rows, 1, 'Most urgent churn alerts')] : [],
    components: showNames
      ? urgent.rows.map((r, i) => churnButtons(r, i + 1))
      : urgent.total > 0
        ? [[{ type: 'button', id: REVEAL_URGENT_ACTION, label: 'Show the members', style: 'primary' }]]
        : [],
    memberLevel: showNames && urgent.rows.length > 0,
    footer: {
      period: periodLabel(f.period, company.timeZone),
      freshness: `data as of ${instantLabel(f.dataAsOf, company.timeZone)}`,
    },
    notices: f.notices,
  });
}
