// Sortable tables without JavaScript: each header is a link (?sort=<table>.<column>&dir=asc|desc#table)
// and the server sorts the rows; aria-sort tells assistive technology the current order.
import { html, type Html } from './html.ts';

export interface Column<R> {
  key: string;
  label: string;
  /** Right-aligned (numbers). */
  num?: boolean;
  /** Sort key; omit for a column that does not sort. Nulls sort last either way. */
  sort?: (row: R) => number | string | null;
  cell: (row: R) => unknown;
}

export interface SortRequest {
  table: string;
  column: string;
  dir: 'asc' | 'desc';
}

/** `sort=content.views&dir=asc` -> { table, column, dir }; null when absent or malformed. */
export function parseSort(sort: unknown, dir: unknown): SortRequest | null {
  if (typeof sort !== 'string' || !/^[a-z]+\.[a-zA-Z]+$/.test(sort)) return null;
  const [table, column] = sort.split('.') as [string, string];
  return { table, column, dir: dir === 'asc' ? 'asc' : 'desc' };
}

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function sortRows<R>(
  rows: readonly R[],
  columns: readonly Column<R>[],
  id: string,
  sort: SortRequest | null,
): R[] {
  const col = sort?.table === id ? columns.find((c) => c.key === sort.column && c.sort) : undefined;
  if (!col || !sort) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, k: col.sort!(row) }))
    .sort((x, y) => (x.k === null || y.k === null ? compare(x.k, y.k) : sign * compare(x.k, y.k)) || x.i - y.i)
    .map((x) => x.row);
}

export function sortableTable<R>(t: {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  sort: SortRequest | null;
  /** Query string (without '?') for a sort of this table, keeping the rest of the page state. */
  link: (sort: string, dir: 'asc' | 'desc') => string;
}): Html {
  const rows = sortRows(t.rows, t.columns, t.id, t.sort);
  const head = t.columns.map((c) => {
    const cls = c.num ? 'num' : '';
    if (!c.sort) return html`<th scope="col" class="${cls}">${c.label}</th>`;
    const active = t.sort?.table === t.id && t.sort.column === c.key ? t.sort.dir : null;
    const next = active === 'desc' ? 'asc' : active === 'asc' ? 'desc' : c.num ? 'desc' : 'asc';
    const aria = active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : 'none';
    const arrow = active === 'asc' ? ' ▲' : active === 'desc' ? ' ▼' : '';
    return html`<th scope="col" class="${cls}" aria-sort="${aria}"><a href="?${t.link(`${t.id}.${c.key}`, next)}#${t.id}">${c.label}${arrow}</a></th>`;
  });
  const body = rows.map(
    (r) => html`<tr>${t.columns.map((c) => html`<td class="${c.num ? 'num' : ''}">${c.cell(r)}</td>`)}</tr>`,
  );
  return html`<div class="table-wrap" tabindex="0"><table id="${t.id}"><caption>${t.caption}</caption>
<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** A plain two-column table of label / value rows. */
export function factsTable(caption: string, rows: Array<[string, unknown]>): Html {
  return html`<div class="table-wrap"><table><caption>${caption}</caption><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`)}</tbody></table></div>`;
}
