// The revenue report: headline figures, the MRR chart (with the forecast when the period ends today), MRR
// movements, cash, the previous period, daily MRR and the forecast as tables. Same figures as /revenue.
import type { ForecastJson, ReportJson, RevenueJson } from '../../../core/reports/report-json.ts';
import { cards, folded, notes, notice, sortLink, type Card, type PageInput } from '../blocks.ts';
import { chartFigure } from '../charts.ts';
import { count, day, figure, money, percent, periodRange, signedMoney } from '../format.ts';
import { html, type Html } from '../html.ts';
import { factsTable, sortableTable } from '../table.ts';

export function revenueCards(r: ReportJson, v: RevenueJson): Card[] {
  const cur = r.company.currency;
  const m = (x: number) => money(x, cur);
  return [
    { key: 'mrrEndMinor', label: 'MRR', value: m(v.mrrEndMinor), note: html`<small>from ${m(v.mrrStartMinor)}</small>` },
    { key: 'netNewMinor', label: 'Net new MRR', value: signedMoney(v.movements.netNewMinor, cur) },
    { key: 'arrEndMinor', label: 'ARR', value: m(v.arrEndMinor) },
    { key: 'customersEnd', label: 'Paying customers', value: count(v.customersEnd), note: html`<small>from ${count(v.customersStart)}</small>` },
    { key: 'arpuMinor', label: 'ARPU', value: figure(v.arpuMinor, m) },
    { key: 'customerChurnRate', label: 'Customer churn', value: figure(v.customerChurnRate, (x) => percent(x)) },
    { key: 'revenueMinor', label: 'Revenue (cash)', value: m(v.cash.revenueMinor) },
  ];
}

export function movementsTable(r: ReportJson, v: RevenueJson): Html {
  const cur = r.company.currency;
  const mv = v.movements;
  return factsTable('MRR movements', [
    ['New', money(mv.newMinor, cur)], ['Reactivation', money(mv.reactivationMinor, cur)], ['Expansion', money(mv.expansionMinor, cur)],
    ['Contraction', `−${money(mv.contractionMinor, cur)}`], ['Churn', `−${money(mv.churnMinor, cur)}`], ['Net new MRR', signedMoney(mv.netNewMinor, cur)],
  ]);
}

function ratesTable(r: ReportJson, v: RevenueJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  return factsTable('Rates', [
    ['Customers who churned (of those at the start)', count(v.churnedCustomers)],
    ['Gross MRR churn', figure(v.grossMrrChurnRate, (x) => percent(x))], ['Net MRR churn', figure(v.netMrrChurnRate, (x) => percent(x))],
    ['Quick ratio', figure(v.quickRatio, (x) => x.toFixed(2))], ['Net revenue retention', figure(v.netRevenueRetention, (x) => percent(x))],
    ['LTV', figure(v.ltvMinor, m)], ['MRR past due (at risk of involuntary churn)', `${m(v.pastDueMrrMinor)} (${count(v.pastDueCustomers)} customers)`],
  ]);
}

function cashTable(r: ReportJson, v: RevenueJson): Html {
  const m = (x: number) => money(x, r.company.currency);
  const c = v.cash;
  return factsTable('Cash', [
    ['Payments', m(c.paymentsMinor)], ['Refunds', m(c.refundsMinor)], ['Revenue (payments − refunds)', m(c.revenueMinor)],
    ['Refund rate', figure(c.refundRate, (x) => percent(x))], ['Failed payments', `${count(c.failedPayments)} (${m(c.failedMinor)})`],
    ['Recovered payments', `${count(c.recoveredPayments)} (${m(c.recoveredMinor)})`],
  ]);
}

function previousTable(r: ReportJson, v: RevenueJson): Html {
  const p = v.previous;
  if (!p) return html``;
  const m = (x: number) => money(x, r.company.currency);
  return factsTable(`Previous period (${periodRange(p.from, p.to)})`, [
    ['MRR at its end', m(p.mrrEndMinor)], ['Net new MRR', signedMoney(p.netNewMinor, r.company.currency)], ['Paying customers at its end', count(p.customersEnd)],
    ['Revenue (cash)', m(p.revenueMinor)], ['Customer churn', figure(p.customerChurnRate, (x) => percent(x))],
  ]);
}

function dailyTable(input: PageInput, v: RevenueJson): Html {
  const cur = input.report.company.currency;
  const rows = v.mrrDaily.map((d, i) => ({ ...d, change: i === 0 ? null : d.mrrMinor - v.mrrDaily[i - 1]!.mrrMinor }));
  const table = sortableTable({
    id: 'mrrdaily', caption: 'MRR at the end of each day', sort: input.sort, link: sortLink(input), rows,
    columns: [
      { key: 'day', label: 'Day', sort: (d) => d.day, cell: (d) => day(d.day) },
      { key: 'mrr', label: 'MRR', num: true, sort: (d) => d.mrrMinor, cell: (d) => money(d.mrrMinor, cur) },
      { key: 'change', label: 'Change', num: true, sort: (d) => d.change, cell: (d) => (d.change === null ? '' : signedMoney(d.change, cur)) },
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
  return html`<h2>Revenue</h2>${cards(revenueCards(r, v))}${chartFigure(input.base, r, 'mrr')}
${opts.full ? html`${movementsTable(r, v)}${ratesTable(r, v)}${cashTable(r, v)}${previousTable(r, v)}${dailyTable(input, v)}${forecast ? forecastTable(r, forecast) : ''}` : movementsTable(r, v)}
${r.forecast && !r.forecast.ok && opts.full ? notice(r.forecast.notice) : ''}${notes(v.footnotes)}`;
}
