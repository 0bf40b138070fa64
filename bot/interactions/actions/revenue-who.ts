// "Who?" under /revenue: the memberships behind one movement or count of the answer's period (new,
// reactivation, expansion, contraction, churn, past due, recovered, refunds), from core/revenue's drill-down
// as of the same instant and period as the answer, so the rows add up to the figure shown. Names are
// member-level: the list is ephemeral, ten per page, cut to the company tier's member-list cap.
import {
  figureLabels,
  memberFigures,
  revenueDrilldown,
  type MemberFigure,
  type RevenueReport,
} from '../../../core/revenue/index.ts';
import { tierLimitError } from '../../../core/tiers/tier-limits.ts';
import type { Tenant } from '../../../core/tenancy/index.ts';
import { answer, data, type Answer, type AnswerComponent } from '../../answer.ts';
import { whoRevenueId } from '../../parts/action-ids.ts';
import { memberName } from '../../parts/context.ts';
import { formatDate, formatNumber, money, periodLabel } from '../../parts/format.ts';
import { freshnessLine, dataFreshness } from '../../parts/freshness.ts';
import { periodNames, resolvePeriod, type PeriodChoice } from '../../parts/periods.ts';
import type { BotDeps } from '../../deps.ts';

export const WHO_PAGE_SIZE = 10;

/** The figure each "Who?" option lists, as the answer shows it. */
function figureAmount(r: RevenueReport, f: MemberFigure): number {
  const c = r.current;
  const m = c.movements;
  const amounts: Record<MemberFigure, number> = {
    new: m.newMinor,
    reactivation: m.reactivationMinor,
    expansion: m.expansionMinor,
    contraction: m.contractionMinor,
    churn: m.churnMinor,
    past_due: c.pastDueMrrMinor,
    recovered_payments: c.cash.recoveredMinor,
    refunds: c.cash.refundsMinor,
  };
  return amounts[f];
}

/** The "Who?" select under a revenue answer: one option per movement or count, with its amount. */
export function whoSelect(choice: PeriodChoice, r: RevenueReport): AnswerComponent[] {
  return [
    {
      type: 'select',
      id: whoRevenueId(choice),
      placeholder: 'Who? List the members behind a figure',
      options: memberFigures.map((f) => ({
        label: `${figureLabels[f]} · ${money(figureAmount(r, f), r.currency)}`,
        value: f,
      })),
    },
  ];
}

function pageRow(choice: PeriodChoice, figure: MemberFigure, page: number, pages: number): AnswerComponent[] {
  const row: AnswerComponent[] = [];
  if (page > 0)
    row.push({
      type: 'button',
      id: whoRevenueId(choice, figure, page - 1),
      label: `◀ Page ${page}`,
      style: 'secondary',
    });
  if (page + 1 < pages)
    row.push({
      type: 'button',
      id: whoRevenueId(choice, figure, page + 1),
      label: `Page ${page + 2} ▶`,
      style: 'secondary',
    });
  return row;
}

export async function revenueWhoAnswer(
  deps: BotDeps,
  tenant: Tenant,
  choice: PeriodChoice,
  figure: MemberFigure,
  page: number,
): Promise<Answer> {
  const { company } = tenant;
  const now = deps.now();
  const fresh = await dataFreshness(deps.db, company.id, now);
  const { period, notice } = resolvePeriod(choice, fresh.asOf, company.timeZone, company.tier);
  const read = async (index: number) => {
    const r = await revenueDrilldown(deps.db, company.id, {
      ...period,
      asOf: fresh.asOf,
      figure,
      offset: index * WHO_PAGE_SIZE,
      limit: WHO_PAGE_SIZE,
    });
    if (!r.ok) throw tierLimitError(r.limit);
    return r.value;
  };
  let d = await read(Math.max(0, page));
  const pages = Math.max(1, Math.ceil(d.listable / WHO_PAGE_SIZE));
  if (page >= pages) d = await read(pages - 1);
  const index = d.offset / WHO_PAGE_SIZE;
  const cur = company.currency;
  const label = figureLabels[figure];
  const rowsWord = `${figure === 'refunds' ? 'refund' : figure === 'recovered_payments' ? 'payment' : 'membership'}${d.count === 1 ? '' : 's'}`;
  return answer({
    title: `Who? · ${label} · ${periodNames[choice]}`,
    summary:
      d.count === 0
        ? `Nobody: ${label.toLowerCase()} is ${money(0, cur)} in this period.`
        : `${label}: ${money(d.totalMinor, cur)} from ${formatNumber(d.count)} ${rowsWord} of ${formatNumber(d.customers)} ${d.customers === 1 ? 'customer' : 'customers'}.`,
    tone: 'info',
    tables:
      d.rows.length === 0
        ? []
        : [
            {
              columns: [
                { key: 'n', label: '#', align: 'right' },
                { key: 'member', label: 'Member' },
                { key: 'plan', label: 'Plan' },
                { key: 'day', label: 'Day' },
                { key: 'amount', label: 'Amount', align: 'right' },
              ],
              rows: d.rows.map((r, i) => ({
                n: String(d.offset + i + 1),
                member: memberName(r),
                plan: r.plan === null ? '—' : data(r.plan),
                day: formatDate(r.day),
                amount: money(r.amountMinor, cur),
              })),
              page: { index, count: pages, total: d.listable },
            },
          ],
    components: [pageRow(choice, figure, index, pages)].filter((row) => row.length > 0),
    visibility: 'ephemeral',
    memberLevel: true,
    footer: { period: periodLabel(period, company.timeZone), freshness: freshnessLine(fresh, now, company.timeZone) },
    notices: [...(notice ? [notice] : []), ...(d.limit ? [d.limit.message] : [])],
  });
}
