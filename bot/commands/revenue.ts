// `/revenue [period]`: MRR, ARR, net new MRR and its movements, churn rates, ARPU, LTV and quick ratio for a
// period of the company's calendar, the MRR chart with its forecast band, and a period select.
import { answer, type Answer, type AnswerField } from '../answer.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { periodSelectId } from './action-ids.ts';
import { tenantOf } from './context.ts';
import { freshnessLine, dataFreshness } from './freshness.ts';
import { countDelta, formatNumber, money, moneyDelta, moneyFigure, percentFigure, periodLabel, ratioFigure, signedMoney } from './format.ts';
import { parsePeriodChoice, periodNames, periodOptionChoices, resolvePeriod, type PeriodChoice } from './periods.ts';
import { loadRevenue, mrrChart, type RevenueData } from './revenue-data.ts';
import type { BotDeps, Command } from './types.ts';

/** The revenue fields, shared with the report of any period (digest, period switch). */
export function revenueFields(data: RevenueData): AnswerField[] {
  const { current: c, previous: p } = data.report;
  const cur = data.report.currency;
  const m = c.movements;
  const prev = 'available' in p ? null : p;
  return [
    { label: 'MRR', value: `${money(c.mrrEndMinor, cur)}\n${moneyDelta(c.mrrEndMinor, c.mrrStartMinor, cur)} in the period`, inline: true },
    { label: 'ARR', value: money(c.arrEndMinor, cur), inline: true },
    { label: 'Net new MRR', value: `${signedMoney(m.netNewMinor, cur)}${prev ? `\nprevious period ${signedMoney(prev.movements.netNewMinor, cur)}` : ''}`, inline: true },
    {
      label: 'MRR movements',
      value: `New ${signedMoney(m.newMinor, cur)} · Expansion ${signedMoney(m.expansionMinor, cur)} · Reactivated ${signedMoney(m.reactivationMinor, cur)}`
        + ` · Contraction ${signedMoney(-m.contractionMinor, cur)} · Churned ${signedMoney(-m.churnMinor, cur)}`,
    },
    { label: 'Customers', value: `${formatNumber(c.customersEnd)} (${countDelta(c.customersEnd - c.customersStart)})`, inline: true },
    { label: 'Customer churn', value: `${percentFigure(c.customerChurnRate)}${prev ? ` (previous ${percentFigure(prev.customerChurnRate)})` : ''}`, inline: true },
    { label: 'Revenue churn', value: `${percentFigure(c.grossMrrChurnRate)}${prev ? ` (previous ${percentFigure(prev.grossMrrChurnRate)})` : ''}`, inline: true },
    { label: 'ARPU', value: moneyFigure(c.arpuMinor, cur), inline: true },
    { label: 'LTV', value: moneyFigure(data.report.ltv.ltvMinor, cur), inline: true },
    { label: 'Quick ratio', value: ratioFigure(c.quickRatio), inline: true },
  ];
}

/** The period select under a revenue or engagement answer. */
export function periodSelect(command: 'revenue' | 'engagement', chosen: PeriodChoice) {
  return [{
    type: 'select' as const, id: periodSelectId(command), placeholder: 'Change period',
    options: periodOptionChoices.map((c) => ({ label: c.name, value: c.value, default: c.value === chosen })),
  }];
}

export async function revenueAnswer(deps: BotDeps, tenant: Tenant, choice: PeriodChoice): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const fresh = await dataFreshness(deps.db, company.id, now);
  const resolved = resolvePeriod(choice, fresh.asOf, company.timeZone, company.tier);
  const data = await loadRevenue(deps, company, resolved.period, fresh.asOf, { forecast: true });
  const net = data.report.current.movements.netNewMinor;
  return answer({
    title: `Revenue · ${periodNames[choice]}`,
    tone: net > 0 ? 'good' : net < 0 ? 'bad' : 'neutral',
    fields: revenueFields(data),
    charts: [mrrChart(data)],
    components: [periodSelect('revenue', choice)],
    footer: { period: periodLabel(resolved.period, company.timeZone), freshness: freshnessLine(fresh, now, company.timeZone) },
    notices: resolved.notice ? [resolved.notice] : [],
  });
}

export const revenueCommand: Command = {
  name: 'revenue',
  description: 'MRR, ARR, MRR movements, churn, ARPU, LTV and the MRR forecast',
  options: [{ name: 'period', description: 'Which days (default: last 30 days)', type: 'string', choices: periodOptionChoices }],
  access: 'granted',
  answers: 'public',
  slow: true,
  handle: (ctx) => revenueAnswer(ctx.deps, tenantOf(ctx), parsePeriodChoice(ctx.options.period)),
};
