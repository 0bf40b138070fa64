// `/revenue [period] [by]`: MRR, ARR, net new MRR and its movements, churn rates, ARPU, LTV and quick ratio for a
// period of the company's calendar, the MRR chart with its forecast band, a period select and a "Who?" select
// (the members behind a movement, privately: actions/revenue-who.ts); `by: plan|product` adds the period per
// plan or product as a table.
import { answer, type Answer, type AnswerField } from '../answer.ts';
import { parseBreakdownBy, type RevenueBreakdownBy } from '../../core/revenue/index.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { whoSelect } from '../interactions/actions/revenue-who.ts';
import { periodSelectId } from '../parts/action-ids.ts';
import { tenantOf } from '../parts/context.ts';
import { freshnessLine, dataFreshness } from '../parts/freshness.ts';
import {
  countDelta,
  formatNumber,
  money,
  moneyDelta,
  moneyFigure,
  percentFigure,
  periodLabel,
  ratioFigure,
  signedMoney,
} from '../parts/format.ts';
import {
  parsePeriodChoice,
  periodNames,
  periodOptionChoices,
  resolvePeriod,
  type PeriodChoice,
} from '../parts/periods.ts';
import {
  breakdownNote,
  breakdownTable,
  loadBreakdown,
  loadRevenue,
  mrrChart,
  type RevenueData,
} from '../parts/revenue-data.ts';
import type { Command } from './types.ts';
import type { BotDeps } from '../deps.ts';

/** The revenue fields, shared with the report of any period (digest, period switch). */
export function revenueFields(data: RevenueData): AnswerField[] {
  const { current: c, previous: p } = data.report;
  const cur = data.report.currency;
  const m = c.movements;
  const prev = 'available' in p ? null : p;
  return [
    {
      label: 'MRR',
      value: `${money(c.mrrEndMinor, cur)}\n${moneyDelta(c.mrrEndMinor, c.mrrStartMinor, cur)} in the period`,
      inline: true,
    },
    { label: 'ARR', value: money(c.arrEndMinor, cur), inline: true },
    {
      label: 'Net new MRR',
      value: `${signedMoney(m.netNewMinor, cur)}${prev ? `\nprevious period ${signedMoney(prev.movements.netNewMinor, cur)}` : ''}`,
      inline: true,
    },
    {
      label: 'MRR movements',
      value:
        `New ${signedMoney(m.newMinor, cur)} · Expansion ${signedMoney(m.expansionMinor, cur)} · Reactivated ${signedMoney(m.reactivationMinor, cur)}` +
        ` · Contraction ${signedMoney(-m.contractionMinor, cur)} · Churned ${signedMoney(-m.churnMinor, cur)}`,
    },
    {
      label: 'Customers',
      value: `${formatNumber(c.customersEnd)} (${countDelta(c.customersEnd - c.customersStart)})`,
      inline: true,
    },
    {
      label: 'Customer churn',
      value: `${percentFigure(c.customerChurnRate)}${prev ? ` (previous ${percentFigure(prev.customerChurnRate)})` : ''}`,
      inline: true,
    },
    {
      label: 'Revenue churn',
      value: `${percentFigure(c.grossMrrChurnRate)}${prev ? ` (previous ${percentFigure(prev.grossMrrChurnRate)})` : ''}`,
      inline: true,
    },
    { label: 'ARPU', value: moneyFigure(c.arpuMinor, cur), inline: true },
    { label: 'LTV', value: moneyFigure(data.report.ltv.ltvMinor, cur), inline: true },
    { label: 'Quick ratio', value: ratioFigure(c.quickRatio), inline: true },
  ];
}

/** The period select under a revenue or engagement answer (a revenue breakdown keeps its `by`). */
export function periodSelect(command: 'revenue' | 'engagement', chosen: PeriodChoice, by?: RevenueBreakdownBy) {
  return [
    {
      type: 'select' as const,
      id: periodSelectId(command, by),
      placeholder: 'Change period',
      options: periodOptionChoices.map((c) => ({ label: c.name, value: c.value, default: c.value === chosen })),
    },
  ];
}

export async function revenueAnswer(
  deps: BotDeps,
  tenant: Tenant,
  choice: PeriodChoice,
  by?: RevenueBreakdownBy,
): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const fresh = await dataFreshness(deps.db, company.id, now);
  const resolved = resolvePeriod(choice, fresh.asOf, company.timeZone, company.tier);
  const [data, breakdown] = await Promise.all([
    loadRevenue(deps, company, resolved.period, fresh.asOf, { forecast: true }),
    by ? loadBreakdown(deps, company, resolved.period, fresh.asOf, by) : null,
  ]);
  const net = data.report.current.movements.netNewMinor;
  return answer({
    title: `Revenue${breakdown ? ` by ${breakdown.by}` : ''} · ${periodNames[choice]}`,
    tone: net > 0 ? 'good' : net < 0 ? 'bad' : 'neutral',
    fields: revenueFields(data),
    tables: breakdown ? [breakdownTable(breakdown)] : [],
    charts: [mrrChart(data)],
    components: [periodSelect('revenue', choice, by), whoSelect(choice, data.report)],
    footer: {
      period: periodLabel(resolved.period, company.timeZone),
      freshness: freshnessLine(fresh, now, company.timeZone),
    },
    notices: [...(resolved.notice ? [resolved.notice] : []), ...(breakdown ? [breakdownNote(breakdown)] : [])],
  });
}

function parseBy(value: unknown): RevenueBreakdownBy | undefined {
  return value === undefined || value === '' ? undefined : parseBreakdownBy(value);
}

export const revenueCommand: Command = {
  name: 'revenue',
  description: 'MRR, ARR, MRR movements, churn, ARPU, LTV and the MRR forecast',
  options: [
    { name: 'period', description: 'Which days (default: last 30 days)', type: 'string', choices: periodOptionChoices },
    {
      name: 'by',
      description: 'Also per plan or per product',
      type: 'string',
      choices: [
        { name: 'Plan', value: 'plan' },
        { name: 'Product', value: 'product' },
      ],
    },
  ],
  access: 'granted',
  answers: 'public',
  slow: true,
  handle: (ctx) =>
    revenueAnswer(ctx.deps, tenantOf(ctx), parsePeriodChoice(ctx.options.period), parseBy(ctx.options.by)),
};
