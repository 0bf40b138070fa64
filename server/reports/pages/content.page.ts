// The content report: items ranked by views with unique viewers, completions, completion rate, time to
// complete, the drop-off lesson and, for forum posts, Whop's own all-time counts, as a chart and a sortable
// table. Same figures as /content.
import { cards, notes, notice, sortLink, type PageInput } from '../blocks.ts';
import { chartFigure } from '../charts.ts';
import { count, percent } from '../format.ts';
import { html, type Html } from '../html.ts';
import { sortableTable } from '../table.ts';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const hours = seconds / 3600;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

/** "21 views, 2 likes, 0 comments": what Whop reports for a post, parts it does not report left out. */
function whopCounts(w: { views: number | null; likes: number | null; comments: number | null }): string {
  const part = (n: number | null, word: string) => (n === null ? [] : [`${count(n)} ${word}${n === 1 ? '' : 's'}`]);
  return [...part(w.views, 'view'), ...part(w.likes, 'like'), ...part(w.comments, 'comment')].join(', ') || '—';
}

export function contentSectionHtml(input: PageInput, opts: { full: boolean }): Html {
  const r = input.report;
  const c = r.content;
  if (!c) return html``;
  if (!c.ok) return html`<h2>Content</h2>${notice(c.notice)}`;
  const caption = opts.full
    ? 'Content by views'
    : `Top ${c.items.length} of ${count(c.totalItems)} content items by views`;
  const table = sortableTable({
    id: 'content',
    caption,
    sort: input.sort,
    link: sortLink(input),
    rows: c.items,
    columns: [
      { key: 'title', label: 'Title', sort: (i) => i.title, cell: (i) => i.title },
      { key: 'kind', label: 'Type', sort: (i) => i.kind, cell: (i) => i.kind },
      { key: 'views', label: 'Views', num: true, sort: (i) => i.views, cell: (i) => count(i.views) },
      {
        key: 'viewers',
        label: 'Unique viewers',
        num: true,
        sort: (i) => i.uniqueViewers,
        cell: (i) => count(i.uniqueViewers),
      },
      {
        key: 'completions',
        label: 'Completions',
        num: true,
        sort: (i) => i.completions,
        cell: (i) => count(i.completions),
      },
      {
        key: 'rate',
        label: 'Completion rate',
        num: true,
        sort: (i) => i.completionRate,
        cell: (i) => (i.completionRate === null ? '—' : percent(i.completionRate)),
      },
      ...(c.items.some((i) => i.whop)
        ? [
            {
              key: 'whop',
              label: 'On Whop (all time)',
              num: true,
              sort: (i: (typeof c.items)[number]) => i.whop?.views ?? null,
              cell: (i: (typeof c.items)[number]) => (i.whop ? whopCounts(i.whop) : '—'),
            },
          ]
        : []),
      ...(opts.full
        ? [
            {
              key: 'time',
              label: 'Avg time to complete',
              num: true,
              sort: (i: (typeof c.items)[number]) => i.avgSecondsToComplete,
              cell: (i: (typeof c.items)[number]) => duration(i.avgSecondsToComplete),
            },
            {
              key: 'dropoff',
              label: 'Drop-off lesson',
              cell: (i: (typeof c.items)[number]) =>
                i.dropOff ? `${i.dropOff.lesson} (${percent(i.dropOff.share, 0)} stop)` : '',
            },
          ]
        : []),
    ],
  });
  const total = c.items.reduce((s, i) => s + i.views, 0);
  const head = opts.full
    ? cards([
        { key: 'totalItems', label: 'Content items', value: count(c.totalItems) },
        { key: 'views', label: 'Views', value: count(total) },
        { key: 'types', label: 'Types with data', value: c.types.length ? c.types.join(', ') : 'none yet' },
      ])
    : html``;
  return html`<h2>Content</h2>${head}${c.items.length ? chartFigure(input.base, r, 'content') : notice('No content was opened in this period.')}${table}${notes(c.notes)}`;
}
