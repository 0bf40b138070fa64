// The member-profile report: the one member the link's creator chose — MRR, memberships, payments in the
// period, daily engagement score, and the latest churn prediction with its factors and actions.
import type { MemberJson, ReportJson } from '../../../core/reports/report-json.ts';
import { cards, notice, sortLink, type PageInput } from '../blocks.ts';
import { chartFigure } from '../charts.ts';
import { day, instant, money, percent } from '../format.ts';
import { html, type Html } from '../html.ts';
import { sortableTable } from '../table.ts';

function membershipsTable(r: ReportJson, m: MemberJson): Html {
  const tz = r.company.timeZone;
  return html`<div class="table-wrap"><table><caption>Memberships</caption><thead><tr><th scope="col">Plan</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col" class="num">Plan MRR</th></tr></thead>
<tbody>${m.memberships.map((s) => html`<tr><td>${s.plan}</td><td>${s.status}</td><td>${instant(s.startedAt, tz)}</td><td>${s.endedAt ? instant(s.endedAt, tz) : ''}</td><td class="num">${money(s.planMrrMinor, r.company.currency)}</td></tr>`)}</tbody></table></div>`;
}

function paymentsTable(input: PageInput, m: MemberJson): Html {
  const cur = input.report.company.currency;
  if (m.payments.length === 0) return html`<p class="muted">No payments in this period.</p>`;
  return sortableTable({
    id: 'payments',
    caption: 'Payments in the period',
    sort: input.sort,
    link: sortLink(input),
    rows: m.payments,
    columns: [
      { key: 'day', label: 'Day', sort: (p) => p.day, cell: (p) => day(p.day) },
      { key: 'amount', label: 'Amount', num: true, sort: (p) => p.amountMinor, cell: (p) => money(p.amountMinor, cur) },
      { key: 'status', label: 'Status', sort: (p) => p.status, cell: (p) => p.status },
      {
        key: 'refunded',
        label: 'Refunded',
        num: true,
        sort: (p) => p.refundedMinor,
        cell: (p) => (p.refundedMinor ? money(p.refundedMinor, cur) : ''),
      },
    ],
  });
}

function churnBlock(r: ReportJson, m: MemberJson): Html {
  const c = m.churn;
  if (!c) return html`<p class="muted">Not scored by the churn model yet.</p>`;
  return html`<p>Churn probability <strong data-figure="probability">${percent(c.probability, 0)}</strong> (${c.risk}), scored ${instant(c.scoredAt, r.company.timeZone)}.</p>
${c.factors.length ? html`<h3>Why</h3><ul>${c.factors.map((f) => html`<li>${f}</li>`)}</ul>` : ''}
${c.actions.length ? html`<h3>Recommended actions</h3><ul>${c.actions.map((a) => html`<li>${a}</li>`)}</ul>` : ''}`;
}

export function memberSectionHtml(input: PageInput): Html {
  const r = input.report;
  const m = r.member;
  if (!m) return html``;
  if (!m.ok) return notice(m.notice);
  const who = m.member;
  const cur = r.company.currency;
  return html`<p class="muted who">${who.username ? `@${who.username} · ` : ''}${who.whopUserId}${who.joinedAt ? ` · joined ${instant(who.joinedAt, r.company.timeZone)}` : ''}</p>
${cards([
  { key: 'mrrMinor', label: 'MRR', value: money(m.mrrMinor, cur) },
  { key: 'score', label: 'Engagement score', value: String(m.engagement.score) },
  {
    key: 'lastActivityAt',
    label: 'Last active',
    value: m.engagement.lastActivityAt ? instant(m.engagement.lastActivityAt, r.company.timeZone) : 'none on record',
  },
  { key: 'lifetimePaidMinor', label: 'Paid in total', value: money(m.lifetimePaidMinor, cur) },
])}
<h2>Engagement</h2>${chartFigure(input.base, r, 'score')}
<h2>Churn risk</h2>${churnBlock(r, m)}
<h2>Memberships</h2>${membershipsTable(r, m)}
<h2>Payments</h2>${paymentsTable(input, m)}`;
}
