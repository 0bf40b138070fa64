// The revenue report: headline figures, the MRR chart (with the forecast when the period ends today), MRR
// movements with what stands behind each (memberships and customers: counts, never names, for a report link is
// shared with whoever holds it), the period by plan and by product, cash, the previous period, daily MRR and
// the forecast as tables. Same figures as /revenue.
import type { ForecastJson, ReportJson, RevenueJson, SegmentRevenueJson } from '../../../core/reports/report-json.ts';
import { cards, folded, notes, notice, sortLink, type Card, type PageInput } from '../blocks.ts';
import { chartFigure, reportCharts } from '../charts.ts';
import { count, day, figure, money, percent, periodRange, signedMoney } from '../format.ts';
import { html, type Html } from '../html.ts';
import { factsTable, sortableTable } from '../table.ts';

export function revenueCards(r: ReportJson, v: RevenueJson): Card[] {
  const cur = r.company.currency;
  const m = (x: number) => money(x, cur);
  return [
    {
      key: 'mrrEndMinor',
      label: 'MRR',
      value: m(v.mrrEndMinor),
      note: html`<small>from ${m(v.mrrStartMinor)}</small>`,
    },
    { key: 'netNewMinor', label: 'Net new MRR', value: signedMoney(v.movements.netNewMinor, cur) },
    { key: 'arrEndMinor', label: 'ARR', value: m(v.arrEndMinor) },
    {
      key: 'customersEnd',
      label: 'Paying customers',
      value: count(v.customersEnd),
      note: html`<small>from ${count(v.customersStart)}</small>`,
    },
    { key: 'arpuMinor', label: 'ARPU', value: figure(v.arpuMinor, m) },
    { key: 'customerChurnRate', label: 'Customer churn', value: figure(v.customerChurnRate, (x) => percent(x)) },
    { key: 'revenueMinor', label: 'Revenue (cash)', value: m(v.cash.revenueMinor) },
  ];
}

export function movementsTable(r: ReportJson, v: RevenueJson): Html {
  const cur = r.company.currency;
  const mv = v.movements;
  return factsTable('MRR movements', [
    ['New', money(mv.newMinor, cur)],
    ['Reactivation', money(mv.reactivationMinor, cur)],
    ['Expansion', money(mv.expansionMinor, cur)],
    ['Contraction', signedMoney(-mv.contractionMinor, cur)],
    ['Churn', signedMoney(-mv.churnMinor, cur)],
    ['Net new MRR', signedMoney(mv.netNewMinor, cur)],
  ]);
}

/** How many memberships and customers stand behind each movement and count (the chat's "Who?" without names). */
function behindTable(r: ReportJson, v: RevenueJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  const what = (figure: string, n: number) =>
    `${figure === 'refunds' ? 'refund' : figure === 'recovered_payments' ? 'payment' : 'membership'}${n === 1 ? '' : 's'}`;
  return html`<div class="table-wrap"><table id="behind"><caption>Behind each figure (names are in chat: "Who?" under /revenue)</caption>
<thead><tr><th scope="col">Figure</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Customers</th></tr></thead>
<tbody>${v.behind.map((b) => html`<tr><th scope="row">${b.title}</th><td class="num">${m(b.amountMinor)}</td><td class="num">${count(b.rows)} ${what(b.figure, b.rows)}</td><td class="num">${count(b.customers)}</td></tr>`)}</tbody></table></div>`;
}

/** The period per plan or per product; rows add up to the company's MRR and movements. */
function segmentTable(input: PageInput, id: 'byplan' | 'byproduct', rows: SegmentRevenueJson[]): Html {
  const cur = input.report.company.currency;
  const m = (x: number) => money(x, cur);
  const table = sortableTable({
    id,
    caption: id === 'byplan' ? 'By plan' : 'By product',
    sort: input.sort,
    link: sortLink(input),
    rows,
    columns: [
      {
        key: 'title',
        label: id === 'byplan' ? 'Plan' : 'Product',
        sort: (x) => x.title,
        cell: (x) => (x.product ? html`${x.title} <small>${x.product}</small>` : x.title),
      },
      { key: 'start', label: 'MRR at start', num: true, sort: (x) => x.mrrStartMinor, cell: (x) => m(x.mrrStartMinor) },
      {
        key: 'added',
        label: 'New + reactivated',
        num: true,
        sort: (x) => x.movements.newMinor + x.movements.reactivationMinor,
        cell: (x) => m(x.movements.newMinor + x.movements.reactivationMinor),
      },
      {
        key: 'expansion',
        label: 'Expansion',
        num: true,
        sort: (x) => x.movements.expansionMinor,
        cell: (x) => m(x.movements.expansionMinor),
      },
      {
        key: 'contraction',
        label: 'Contraction',
        num: true,
        sort: (x) => x.movements.contractionMinor,
        cell: (x) => (x.movements.contractionMinor ? `−${m(x.movements.contractionMinor)}` : m(0)),
      },
      {
        key: 'churn',
        label: 'Churn',
        num: true,
        sort: (x) => x.movements.churnMinor,
        cell: (x) => (x.movements.churnMinor ? `−${m(x.movements.churnMinor)}` : m(0)),
      },
      {
        key: 'moved',
        label: 'Moved',
        num: true,
        sort: (x) => x.movedMinor,
        cell: (x) => signedMoney(x.movedMinor, cur),
      },
      { key: 'end', label: 'MRR at end', num: true, sort: (x) => x.mrrEndMinor, cell: (x) => m(x.mrrEndMinor) },
      {
        key: 'customers',
        label: 'Customers',
        num: true,
        sort: (x) => x.customersEnd,
        cell: (x) => count(x.customersEnd),
      },
      { key: 'arpu', label: 'ARPU', num: true, sort: (x) => x.arpuMinor.value, cell: (x) => figure(x.arpuMinor, m) },
    ],
  });
  return folded(id, `${id === 'byplan' ? 'By plan' : 'By product'} (${rows.length})`, input, table);
}

const segmentNote =
  'By plan and by product: MRR and movements add up to the totals above. Moved is MRR that customers brought from ' +
  '(+) or took to (−) another plan or product when they switched; it sums to 0. Customers do not add up: someone paying on two plans counts in each.';

function ratesTable(r: ReportJson, v: RevenueJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  return factsTable('Rates', [
    ['Customers who churned (of those at the start)', count(v.churnedCustomers)],
    ['Gross MRR churn', figure(v.grossMrrChurnRate, (x) => percent(x))],
    ['Net MRR churn', figure(v.netMrrChurnRate, (x) => percent(x))],
    ['Quick ratio', figure(v.quickRatio, (x) => x.toFixed(2))],
    ['Net revenue retention', figure(v.netRevenueRetention, (x) => percent(x))],
    ['LTV', figure(v.ltvMinor, m)],
    ['MRR past due (at risk of involuntary churn)', `${m(v.pastDueMrrMinor)} (${count(v.pastDueCustomers)} customers)`],
  ]);
}

function cashTable(r: ReportJson, v: RevenueJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  const c = v.cash;
  return factsTable('Cash', [
    ['Payments', m(c.paymentsMinor)],
    ['Refunds', m(c.refundsMinor)],
    ['Revenue (payments − refunds)', m(c.revenueMinor)],
    ['Refund rate', figure(c.refundRate, (x) => percent(x))],
    ['Failed payments', `${count(c.failedPayments)} (${m(c.failedMinor)})`],
    ['Recovered payments', `${count(c.recoveredPayments)} (${m(c.recoveredMinor)})`],
  ]);
}

function previousTable(r: ReportJson, v: RevenueJson): Html {
  const p = v.previous;
  if (!p) return html``;
  const m = (x: number) => money(x, r.company.currency);
  return factsTable(`Previous period (${periodRange(p.from, p.to)})`, [
    ['MRR at its end', m(p.mrrEndMinor)],
    ['Net new MRR', signedMoney(p.netNewMinor, r.company.currency)],
    ['Paying customers at its end', count(p.customersEnd)],
    ['Revenue (cash)', m(p.revenueMinor)],
    ['Customer churn', figure(p.customerChurnRate, (x) => percent(x))],
  ]);
}

function dailyTable(input: PageInput, v: RevenueJson): Html {
  const cur = input.report.company.currency;
  const rows = v.mrrDaily.map((d, i) => ({ ...d, change: i === 0 ? null : d.mrrMinor - v.mrrDaily[i - 1]!.mrrMinor }));
  const table = sortableTable({
    id: 'mrrdaily',
    caption: 'MRR at the end of each day',
    sort: input.sort,
    link: sortLink(input),
    rows,
    columns: [
      { key: 'day', label: 'Day', sort: (d) => d.day, cell: (d) => day(d.day) },
      { key: 'mrr', label: 'MRR', num: true, sort: (d) => d.mrrMinor, cell: (d) => money(d.mrrMinor, cur) },
      {
        key: 'change',
        label: 'Change',
        num: true,
        sort: (d) => d.change,
        cell: (d) => (d.change === null ? '' : signedMoney(d.change, cur)),
      },
    ],
  });
  return folded('mrrdaily', `Daily MRR (${v.mrrDaily.length} days)`, input, table);
}

function forecastTable(r: ReportJson, f: ForecastJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  const shown = f.points.filter((_, i) => (i + 1) % 7 === 0 || i === f.points.length - 1);
  return html`<details><summary>MRR forecast, next ${f.points.length} days (${percent(f.intervalLevel, 0)} interval)</summary>
<div class="table-wrap"><table><caption>Forecast (${f.method})</caption><thead><tr><th scope="col">Day</th><th scope="col" class="num">Forecast</th><th scope="col" class="num">Low</th><th scope="col" class="num">High</th></tr></thead>
<tbody>${shown.map((p) => html`<tr><td>${day(p.day)}</td><td class="num">${m(p.mrrMinor)}</td><td class="num">${m(p.lowMinor)}</td><td class="num">${m(p.highMinor)}</td></tr>`)}</tbody></table></div></details>`;
}

export function revenueSectionHtml(input: PageInput, opts: { full: boolean }): Html {
  const r = input.report;
  const v = r.revenue;
  if (!v) return html``;
  if (!v.ok) return html`<h2>Revenue</h2>${notice(v.notice)}`;
  const forecast = r.forecast?.ok ? r.forecast : null;
  return html`<h2>Revenue</h2>${cards(revenueCards(r, v))}${chartFigure(input.base, r, 'mrr')}${reportCharts(r).includes('cohort') ? chartFigure(input.base, r, 'cohort') : ''}
${opts.full ? html`${movementsTable(r, v)}${behindTable(r, v)}${segmentTable(input, 'byplan', v.byPlan)}${segmentTable(input, 'byproduct', v.byProduct)}${ratesTable(r, v)}${cashTable(r, v)}${previousTable(r, v)}${dailyTable(input, v)}${forecast ? forecastTable(r, forecast) : ''}` : movementsTable(r, v)}
${r.forecast && !r.forecast.ok && opts.full ? notice(r.forecast.notice) : ''}${notes(opts.full ? [...v.footnotes, segmentNote] : v.footnotes)}`;
}
