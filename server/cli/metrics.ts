// `pulse metrics --company <id|biz_…> --from <date> --to <date> [--members <figure> | --by plan|product] [--json]
// [--as-of <ISO time>]`: the period's revenue figures for operators and scripts; with --members, the memberships
// behind one movement or count (metrics-detail.ts); with --by, the figures per plan or product. --to is the last
// day included; days are the company's calendar days. A readable table by default; --json prints the whole
// answer with money in minor units. Operators see the whole history and every member whatever the company's tier.
import pg from 'pg';
import { BadInput, NotFound } from '../../core/errors.ts';
import { addDays, parseDay } from '../../core/period.ts';
import { companyByReference, type Company } from '../../core/companies/company.repository.ts';
import type { Figure } from '../../core/revenue/figure.ts';
import { revenueReport } from '../../core/revenue/revenue.service.ts';
import type { PeriodRevenue, RevenueReport } from '../../core/revenue/types.ts';
import { UsageError } from '../runtime.ts';
import { metricsDetail, moneyFormatter } from './metrics-detail.ts';
import type { VerbHandler } from './types.ts';

export { moneyFormatter } from './metrics-detail.ts';

function asOfFrom(value: string | boolean | undefined): Date {
  if (value === undefined) return new Date();
  const at = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--as-of must be an ISO date or time, not ${JSON.stringify(value)}`);
  return at;
}

function required(value: string | boolean | undefined, what: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${what} is required`);
  return value;
}

const pct = (f: Figure) => (f.available ? `${(f.value * 100).toFixed(1)}%` : '—');
const times = (f: Figure) => (f.available ? f.value.toFixed(2) : '—');

function optional(value: string | boolean | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  return required(value, what);
}

export function metricsTable(company: Company, r: RevenueReport): string {
  const money = moneyFormatter(r.currency);
  const m = (f: Figure) => (f.available ? money(f.value) : '—');
  const prev = 'period' in r.previous ? r.previous : null;
  const rows: Array<[string, (p: PeriodRevenue) => string]> = [
    ['MRR at start', (p) => money(p.mrrStartMinor)],
    ['MRR at end', (p) => money(p.mrrEndMinor)],
    ['ARR at end', (p) => money(p.arrEndMinor)],
    ['New MRR', (p) => money(p.movements.newMinor)],
    ['Reactivation MRR', (p) => money(p.movements.reactivationMinor)],
    ['Expansion MRR', (p) => money(p.movements.expansionMinor)],
    ['Contraction MRR', (p) => money(p.movements.contractionMinor)],
    ['Churned MRR', (p) => money(p.movements.churnMinor)],
    ['Net new MRR', (p) => money(p.movements.netNewMinor)],
    ['Customers at start / end', (p) => `${p.customersStart} / ${p.customersEnd}`],
    ['Customers churned', (p) => String(p.churnedCustomers)],
    ['Customer churn rate', (p) => pct(p.customerChurnRate)],
    ['Gross MRR churn rate', (p) => pct(p.grossMrrChurnRate)],
    ['Net MRR churn rate', (p) => pct(p.netMrrChurnRate)],
    ['Quick ratio', (p) => times(p.quickRatio)],
    ['Net revenue retention', (p) => pct(p.netRevenueRetention)],
    ['ARPU', (p) => m(p.arpuMinor)],
    ['Revenue (payments - refunds)', (p) => money(p.cash.revenueMinor)],
    ['Payments', (p) => money(p.cash.paymentsMinor)],
    ['Refunds', (p) => money(p.cash.refundsMinor)],
    ['Refund rate', (p) => pct(p.cash.refundRate)],
    ['Failed payments', (p) => `${p.cash.failedPayments} (${money(p.cash.failedMinor)})`],
    ['Recovered payments', (p) => `${p.cash.recoveredPayments} (${money(p.cash.recoveredMinor)})`],
    ['Past-due MRR (at risk)', (p) => `${money(p.pastDueMrrMinor)} (${p.pastDueCustomers})`],
  ];
  const period = (p: PeriodRevenue['period']) => `${p.from}..${addDays(p.to, -1)}`;
  const lines = [
    `${company.name} (${company.whopCompanyId}, id ${company.id}), ${r.currency}, days in ${r.timeZone}, as of ${r.asOf.toISOString()}`,
    `${''.padEnd(30)} ${period(r.current.period).padStart(24)} ${(prev ? period(prev.period) : 'previous').padStart(24)}`,
    ...rows.map(
      ([label, value]) =>
        `${label.padEnd(30)} ${value(r.current).padStart(24)} ${(prev ? value(prev) : '—').padStart(24)}`,
    ),
    `${'LTV (last 6 full months)'.padEnd(30)} ${m(r.ltv.ltvMinor).padStart(24)}`,
    '',
    ...[r.current.customerChurnRate, r.current.quickRatio, r.ltv.ltvMinor, r.previous]
      .filter((f): f is Extract<Figure, { available: false }> => 'available' in f && !f.available)
      .map((f) => `— ${f.reason}`),
    ...r.footnotes,
  ];
  return lines.join('\n') + '\n';
}

export const run: VerbHandler = async (config, values) => {
  const ref = required(values.company, '--company <id or biz_ id>');
  const from = required(values.from, '--from <YYYY-MM-DD>');
  const last = required(values.to, '--to <YYYY-MM-DD> (the last day included)');
  const asOf = asOfFrom(values['as-of']);
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
  try {
    const company = await companyByReference(pool, ref);
    const to = addDays(parseDay(last, 'to'), 1);
    const detail = await metricsDetail(pool, {
      company,
      period: { from, to },
      asOf,
      json: values.json === true,
      members: optional(values.members, '--members <figure>'),
      by: optional(values.by, '--by plan|product'),
    });
    if (detail !== null) {
      process.stdout.write(detail);
      return;
    }
    const result = await revenueReport(pool, company.id, { from, to, asOf, enforceTier: false });
    if (!result.ok) throw new UsageError(result.limit.message);
    const report = result.value;
    const json = {
      company: { id: company.id, whopCompanyId: company.whopCompanyId, name: company.name, tier: company.tier },
      ...report,
      asOf: report.asOf.toISOString(),
    };
    process.stdout.write(values.json ? JSON.stringify(json, null, 2) + '\n' : metricsTable(company, report));
  } catch (err) {
    if (err instanceof BadInput || err instanceof NotFound) throw new UsageError(err.message);
    throw err;
  } finally {
    await pool.end();
  }
};
