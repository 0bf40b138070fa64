// Building blocks shared by the report pages: figure cards, notices, notes and the sort-link helper.
import type { ReportJson } from '../../core/reports/report-json.ts';
import { html, type Html } from './html.ts';
import type { SortRequest } from './table.ts';

export interface Card {
  /** Stable name (data-figure), the same as the JSON field where there is one. */
  key: string;
  label: string;
  value: unknown;
  note?: unknown;
}

export function cards(list: Card[]): Html {
  return html`<dl class="cards">${list.map((c) => html`<div class="card"><dt>${c.label}</dt><dd><span data-figure="${c.key}">${c.value}</span>${c.note ?? ''}</dd></div>`)}</dl>`;
}

export function notice(text: string): Html {
  return html`<p class="notice" role="note">${text}</p>`;
}

export function notes(list: readonly string[]): Html {
  return list.length === 0 ? html`` : html`<ul class="notes">${list.map((n) => html`<li>${n}</li>`)}</ul>`;
}

/** What a page renderer gets: the report, its URL base, and the sort asked for. */
export interface PageInput {
  report: ReportJson;
  base: string;
  sort: SortRequest | null;
}

/** Query string for a table sort that keeps the page's period. */
export function sortLink(input: PageInput): (sort: string, dir: 'asc' | 'desc') => string {
  return (sort, dir) => `period=${input.report.period.name}&sort=${sort}&dir=${dir}`;
}

/** A long table folded away unless it is the one being sorted. */
export function folded(id: string, summary: string, input: PageInput, table: Html): Html {
  return html`<details${input.sort?.table === id ? html` open` : ''}><summary>${summary}</summary>${table}</details>`;
}
