// The churn report: the latest scoring by risk level, the probability distribution, the most common main
// factor among critical and high members, the model behind it and the members-saved figure. No names.
import { riskRange } from '../../../core/churn/risk.ts';
import type { ChurnJson } from '../../../core/reports/report-json.ts';
import { cards, notice, sortLink, type Card, type PageInput } from '../blocks.ts';
import { chartFigure } from '../charts.ts';
import { count, instant } from '../format.ts';
import { html, type Html } from '../html.ts';
import { sortableTable } from '../table.ts';

export function churnCards(c: ChurnJson): Card[] {
  return [
    { key: 'critical', label: `Critical (${riskRange('critical')})`, value: count(c.levels.critical) },
    { key: 'high', label: `High (${riskRange('high')})`, value: count(c.levels.high) },
    { key: 'medium', label: `Medium (${riskRange('medium')})`, value: count(c.levels.medium) },
    { key: 'low', label: 'Low', value: count(c.levels.low) },
    { key: 'scored', label: 'Members scored', value: count(c.scored) },
  ];
}

function bucketsTable(c: ChurnJson): Html {
  return html`<details><summary>Members per churn probability bucket</summary><div class="table-wrap"><table><caption>Churn probability distribution</caption>
<thead><tr><th scope="col">Probability</th><th scope="col" class="num">Members</th></tr></thead>
<tbody>${c.buckets.map((n, i) => html`<tr><td>${i * 10}–${(i + 1) * 10}%</td><td class="num">${count(n)}</td></tr>`)}</tbody></table></div></details>`;
}

export function churnSectionHtml(input: PageInput, opts: { full: boolean }): Html {
  const r = input.report;
  const c = r.churn;
  if (!c) return html``;
  if (c.scoredAt === null)
    return html`<h2>Churn risk</h2>${notice('The churn model has not scored this community yet.')}`;
  const when = html`<p class="muted">Scored ${instant(c.scoredAt, r.company.timeZone)}${c.model ? `; ${c.model}` : ''}.</p>`;
  if (!opts.full) return html`<h2>Churn risk</h2>${cards(churnCards(c))}${when}`;
  const factors = sortableTable({
    id: 'factors',
    caption: 'Main reason among critical and high-risk members',
    sort: input.sort,
    link: sortLink(input),
    rows: c.mainFactors,
    columns: [
      { key: 'factor', label: 'Main factor', sort: (f) => f.factor, cell: (f) => f.factor },
      { key: 'members', label: 'Members', num: true, sort: (f) => f.members, cell: (f) => count(f.members) },
    ],
  });
  return html`<h2>Churn risk</h2>${cards(churnCards(c))}${when}${chartFigure(input.base, r, 'risk')}${bucketsTable(c)}
${c.mainFactors.length ? factors : ''}<h2>Members saved</h2><p data-figure="saved">${c.saved.sentence.charAt(0).toUpperCase()}${c.saved.sentence.slice(1)}.</p>
<p data-figure="outreach">${c.outreach.sentence.charAt(0).toUpperCase()}${c.outreach.sentence.slice(1)}.</p>`;
}
