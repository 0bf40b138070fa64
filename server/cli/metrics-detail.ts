// `pulse metrics ... --members <figure>` (the memberships behind a movement or count) and `--by plan|product`
// (MRR, movements, customers and ARPU per plan or product): JSON in minor units, or a readable table. Names and
// titles come from Whop: in the table they are put on one line without control characters and cut to a width.
import type { Queryable } from '../../core/db/queryable.ts';
import { formatMoney } from '../../core/format/index.ts';
import { addDays, type Period } from '../../core/period.ts';
import type { Company } from '../../core/companies/company.repository.ts';
import { revenueBreakdown, type RevenueBreakdown } from '../../core/revenue/breakdown.service.ts';
import { revenueDrilldown, type Drilldown } from '../../core/revenue/drilldown.service.ts';
import { figureLabels, parseFigureName } from '../../core/revenue/figure-names.ts';
import { UsageError } from '../runtime.ts';

/** Money as everywhere else (core/format): "$1,234", "$12.50", "−$300.00". */
export function moneyFormatter(currency: string): (minor: number) => string {
  return (minor) => formatMoney(minor, currency);
}

/** Whop text for a terminal: one line, no control characters (no escape sequences), at most `width` characters. */
export function terminalText(value: string | null, width: number): string {
  const flat = (value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, width - 1).join('')}…`;
}

const cell = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

export function membersTable(company: Company, d: Drilldown): string {
  const money = moneyFormatter(company.currency);
  const head = `${figureLabels[d.figure]} ${d.period.from}..${addDays(d.period.to, -1)}: ${money(d.totalMinor)} from ${d.count} rows, ${d.customers} customers`;
  const lines = d.rows.map((r) =>
    [
      cell(terminalText(r.name, 24), 24),
      cell(terminalText(r.whopUserId, 22), 22),
      cell(terminalText(r.membershipWhopId ?? r.paymentWhopId, 24), 24),
      cell(terminalText(r.plan, 24), 24),
      r.day,
      cell(money(r.amountMinor), 14, true),
    ].join(' '),
  );
  const header = [
    cell('Member', 24),
    cell('Whop user', 22),
    cell('Membership / payment', 24),
    cell('Plan', 24),
    cell('Day', 10),
    cell('Amount', 14, true),
  ].join(' ');
  return [head, header, ...lines, ...(d.limit ? [d.limit.message] : [])].join('\n') + '\n';
}

export function breakdownTable(company: Company, b: RevenueBreakdown): string {
  const money = moneyFormatter(company.currency);
  const minus = (minor: number) => money(minor === 0 ? 0 : -minor);
  const cols: Array<[string, number]> = [
    [b.by === 'plan' ? 'Plan' : 'Product', 26],
    ['MRR start', 12],
    ['New', 11],
    ['Reactiv.', 11],
    ['Expansion', 11],
    ['Contract.', 11],
    ['Churn', 11],
    ['Moved', 11],
    ['MRR end', 12],
    ['Customers', 9],
    ['ARPU', 10],
  ];
  const line = (
    title: string,
    v: {
      mrrStartMinor: number;
      mrrEndMinor: number;
      customersEnd: number;
      movements: RevenueBreakdown['total']['movements'];
    },
    moved: string,
    arpu: string,
  ) =>
    [
      cell(title, 26),
      cell(money(v.mrrStartMinor), 12, true),
      cell(money(v.movements.newMinor), 11, true),
      cell(money(v.movements.reactivationMinor), 11, true),
      cell(money(v.movements.expansionMinor), 11, true),
      cell(minus(v.movements.contractionMinor), 11, true),
      cell(minus(v.movements.churnMinor), 11, true),
      cell(moved, 11, true),
      cell(money(v.mrrEndMinor), 12, true),
      cell(String(v.customersEnd), 9, true),
      cell(arpu, 10, true),
    ].join(' ');
  return (
    [
      `Revenue by ${b.by}, ${b.period.from}..${addDays(b.period.to, -1)}, as of ${b.asOf.toISOString()}`,
      cols.map(([label, w], i) => cell(label, w, i > 0)).join(' '),
      ...b.rows.map((r) =>
        line(terminalText(r.title, 26), r, money(r.movedMinor), r.arpuMinor.available ? money(r.arpuMinor.value) : '—'),
      ),
      line('Company', b.total, money(0), ''),
      '',
      `Moved: MRR that came from (+) or went to (-) another ${b.by} when a customer changed ${b.by}; 0 in total.`,
      `Customers do not add up: a customer paying on two ${b.by}s is a customer of each (the company has ${b.total.customersEnd}).`,
    ].join('\n') + '\n'
  );
}

export interface DetailRequest {
  company: Company;
  period: Period;
  asOf: Date;
  json: boolean;
  members?: string;
  by?: string;
}

/** Prints the members behind a figure or the breakdown; null when neither was asked. */
export async function metricsDetail(db: Queryable, req: DetailRequest): Promise<string | null> {
  if (req.members !== undefined && req.by !== undefined)
    throw new UsageError('--members and --by cannot be used together');
  const { company, period, asOf } = req;
  const head = {
    company: { id: company.id, whopCompanyId: company.whopCompanyId, name: company.name, tier: company.tier },
    currency: company.currency,
  };
  if (req.members !== undefined) {
    const result = await revenueDrilldown(db, company.id, {
      from: period.from,
      to: period.to,
      asOf,
      figure: parseFigureName(req.members),
      enforceTier: false,
    });
    if (!result.ok) throw new UsageError(result.limit.message);
    const d = result.value;
    const json = {
      ...head,
      figure: d.figure,
      period: d.period,
      asOf: asOf.toISOString(),
      totalMinor: d.totalMinor,
      count: d.count,
      customers: d.customers,
      rows: d.rows,
    };
    return req.json ? JSON.stringify(json, null, 2) + '\n' : membersTable(company, d);
  }
  if (req.by !== undefined) {
    const result = await revenueBreakdown(db, company.id, {
      from: period.from,
      to: period.to,
      asOf,
      by: req.by,
      enforceTier: false,
    });
    if (!result.ok) throw new UsageError(result.limit.message);
    return req.json
      ? JSON.stringify({ ...head, ...result.value, asOf: asOf.toISOString() }, null, 2) + '\n'
      : breakdownTable(company, result.value);
  }
  return null;
}
