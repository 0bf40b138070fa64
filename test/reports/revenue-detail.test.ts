// The revenue report's drill-down counts and its by-plan and by-product tables, through the real app (page,
// JSON, CSV) on the report fixture (scenario-march.ts, March 2026 as of Apr 1; figures worked out by hand in
// test/revenue/drilldown-breakdown.test.ts). A revenue link is shared with whoever holds it: counts, no names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../server/reports/format.ts';
import { escapeHtml } from '../../server/reports/html.ts';
import { parseCsv } from './csv-parse.ts';
import { pathOf, startReportApp, type ReportApp } from './report-app.ts';

let t: ReportApp;
let revenue: string;
const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await startReportApp();
  revenue = pathOf(
    (
      await t
        .links()
        .create({ companyId: t.f.co.id, kind: 'revenue', createdBy: 'test', params: { period: 'last_month' } })
    ).url,
  );
});
afterAll(async () => {
  await t?.close();
});

describe('the revenue report', () => {
  it('JSON: what stands behind each movement and count, and the period by plan and by product', async () => {
    const v = (await get(`${revenue}.json`)).json().revenue;
    expect(v.behind.map((b: Record<string, unknown>) => [b.figure, b.amountMinor, b.rows, b.customers])).toEqual([
      ['new', 7000, 3, 3],
      ['reactivation', 1000, 1, 1],
      ['expansion', 2000, 1, 1],
      ['contraction', 2000, 1, 1],
      ['churn', 3000, 3, 3],
      ['past_due', 1000, 1, 1],
      ['recovered_payments', 1000, 1, 1],
      ['refunds', 1000, 1, 1],
    ]);
    // Each amount is the report's own figure.
    expect(v.behind.slice(0, 5).map((b: { amountMinor: number }) => b.amountMinor)).toEqual([
      v.movements.newMinor,
      v.movements.reactivationMinor,
      v.movements.expansionMinor,
      v.movements.contractionMinor,
      v.movements.churnMinor,
    ]);
    expect(
      v.byPlan
        .map((p: Record<string, unknown>) => [p.title, p.mrrStartMinor, p.mrrEndMinor, p.customersEnd])
        .slice(0, 2),
    ).toEqual([
      ['$30 monthly', 3000, 6000, 2],
      ['$10 monthly', 6000, 5000, 5],
    ]);
    expect(v.byPlan.reduce((s: number, p: { mrrEndMinor: number }) => s + p.mrrEndMinor, 0)).toBe(18_000);
    expect(v.byPlan[0].movements).toEqual({
      newMinor: 3000,
      reactivationMinor: 0,
      expansionMinor: 2000,
      contractionMinor: 2000,
      churnMinor: 0,
      netNewMinor: 3000,
    });
    expect(v.byPlan[0].arpuMinor).toEqual({ value: 3000 });
    // The fixture's plans have no product: one row with everything.
    expect(
      v.byProduct.map((p: Record<string, unknown>) => [p.title, p.product, p.mrrEndMinor, p.customersEnd]),
    ).toEqual([['No product', null, 18_000, 10]]);
  });

  it('page: the counts table and the by-plan table, sortable on the server', async () => {
    const page = (await get(revenue)).body;
    const behind = page.slice(
      page.indexOf('<table id="behind">'),
      page.indexOf('</table>', page.indexOf('<table id="behind">')),
    );
    // Amounts by hand, written by the page's own money format.
    expect(behind).toContain(
      `<th scope="row">Churn</th><td class="num">${escapeHtml(money(3000, 'usd'))}</td><td class="num">3 memberships</td><td class="num">3</td>`,
    );
    expect(behind).toContain(
      `<th scope="row">Refunds</th><td class="num">${escapeHtml(money(1000, 'usd'))}</td><td class="num">1 refund</td>`,
    );
    const plans = (body: string) =>
      [
        ...body
          .slice(body.indexOf('<table id="byplan">'))
          .split('</table>')[0]!
          .matchAll(/<tr><td class="">([^<]+)<\/td>/g),
      ].map((m) => m[1]);
    expect(plans(page).slice(0, 2)).toEqual(['$30 monthly', '$10 monthly']);
    const byCustomers = (await get(`${revenue}?period=last_month&sort=byplan.customers&dir=desc`)).body;
    expect(plans(byCustomers)[0]).toBe('$10 monthly'); // 5 customers
    expect(byCustomers).toMatch(/<details open><summary>By plan \(5\)<\/summary>/);
    expect(page).toContain('Customers do not add up');
  });

  it('CSV: the same numbers', async () => {
    const rows = parseCsv((await get(`${revenue}.csv`)).body);
    const value = (metric: string, item: string) =>
      rows.find((r) => r[0] === 'revenue' && r[1] === item && r[2] === metric)?.[3];
    expect([
      value('behind.amount', 'Churn'),
      value('behind.rows', 'Churn'),
      value('behind.customers', 'Churn'),
    ]).toEqual(['30.00', '3', '3']);
    expect([
      value('byPlan.mrrEnd', '$30 monthly'),
      value('byPlan.movements.expansion', '$30 monthly'),
      value('byPlan.arpu', '$30 monthly'),
    ]).toEqual(['60.00', '20.00', '30.00']);
    expect(value('byProduct.customersEnd', 'No product')).toBe('10');
  });
});
