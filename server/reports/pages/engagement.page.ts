// The engagement report: members by activity bucket with the change against the previous period, the
// daily average score, the weekday x hour activity map, and their numbers as tables. Aggregates only.
import type { EngagementJson, ReportJson } from '../../../core/reports/report-json.ts';
import { cards, folded, notes, notice, sortLink, type Card, type PageInput } from '../blocks.ts';
import { chartFigure } from '../charts.ts';
import { changeNote, count, day } from '../format.ts';
import { html, type Html } from '../html.ts';
import { sortableTable } from '../table.ts';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const score = (x: number | null) => (x === null ? '—' : x.toFixed(1));

export function engagementCards(e: EngagementJson): Card[] {
  const a = e.averageScore;
  return [
    { key: 'members', label: 'Members counted', value: count(e.members.now), note: changeNote(e.members) },
    { key: 'active', label: 'Active (7 days)', value: count(e.active.now), note: changeNote(e.active) },
    {
      key: 'averageScore',
      label: 'Average score /100',
      value: score(a.now),
      note: html`<small>previous ${score(a.previous)}</small>`,
    },
    { key: 'atRisk', label: 'At risk', value: count(e.atRisk.now), note: changeNote(e.atRisk, false) },
    { key: 'idle', label: 'Idle (7–29 days)', value: count(e.idle.now), note: changeNote(e.idle, false) },
    { key: 'dormant', label: 'Dormant (30+ days)', value: count(e.dormant.now), note: changeNote(e.dormant, false) },
  ];
}

function dailyTable(input: PageInput, e: EngagementJson): Html {
  const table = sortableTable({
    id: 'scoredaily',
    caption: 'Average engagement score per day',
    sort: input.sort,
    link: sortLink(input),
    rows: e.daily,
    columns: [
      { key: 'day', label: 'Day', sort: (d) => d.day, cell: (d) => day(d.day) },
      {
        key: 'score',
        label: 'Average score',
        num: true,
        sort: (d) => d.averageScore,
        cell: (d) => score(d.averageScore),
      },
      { key: 'members', label: 'Members', num: true, sort: (d) => d.members, cell: (d) => count(d.members) },
    ],
  });
  return folded('scoredaily', `Daily average score (${e.daily.length} days)`, input, table);
}

function heatmapTable(r: ReportJson, e: EngagementJson): Html {
  const byDay = weekdays.map((_, w) => e.heatmap.filter((c) => c.weekday === w + 1).sort((a, b) => a.hour - b.hour));
  return html`<details><summary>Activity by weekday and hour (${r.company.timeZone})</summary><div class="table-wrap"><table>
<caption>Activity events per weekday and hour</caption><thead><tr><th scope="col">Day</th>${Array.from({ length: 24 }, (_, h) => html`<th scope="col" class="num">${h}</th>`)}</tr></thead>
<tbody>${byDay.map((cells, w) => html`<tr><th scope="row">${weekdays[w]}</th>${cells.map((c) => html`<td class="num">${count(c.events)}</td>`)}</tr>`)}</tbody></table></div></details>`;
}

export function engagementSectionHtml(input: PageInput, opts: { full: boolean }): Html {
  const r = input.report;
  const e = r.engagement;
  if (!e) return html``;
  if (!e.ok) return html`<h2>Engagement</h2>${notice(e.notice)}`;
  return html`<h2>Engagement</h2>${cards(engagementCards(e))}${chartFigure(input.base, r, 'engagement')}
${opts.full ? html`${chartFigure(input.base, r, 'heatmap')}${dailyTable(input, e)}${heatmapTable(r, e)}` : ''}${notes(e.notes)}`;
}
