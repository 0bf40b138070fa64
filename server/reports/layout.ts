// The page shell every report shares: head (inline stylesheet allowed by hash), title, what and when the
// figures cover, the period switch (plain links), CSV/JSON downloads, the sections, and the expiry.
import { periodLabels, periodNames } from '../../core/named-periods.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';
import { day, instant, periodRange } from './format.ts';
import { html, raw, type Html } from './html.ts';
import { reportCss } from './style.ts';

export interface PageContext {
  report: ReportJson;
  /** '/r/<token>': base of chart and download links. */
  base: string;
  /** Whether the period matters to this kind (the churn report is "now"). */
  periodSwitch: boolean;
}

/** The pages' icon (served at /r/favicon.svg, so browsers do not ask for a missing /favicon.ico). */
export const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#3b5bdb"/>' +
  '<path d="M4 17h6l3-8 5 14 3-6h7" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

export function document(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><link rel="icon" href="/r/favicon.svg" type="image/svg+xml">
<title>${title}</title><style>${raw(reportCss)}</style></head>
<body>${body}</body></html>`.text;
}

function periodNav(ctx: PageContext): Html {
  const current = ctx.report.period.name;
  const items = periodNames.map((name) =>
    name === current
      ? html`<strong aria-current="page">${periodLabels[name]}</strong>`
      : html`<a href="?period=${name}">${periodLabels[name]}</a>`,
  );
  return html`<nav class="periods" aria-label="Period">${items}</nav>`;
}

export function reportPage(ctx: PageContext, sections: Html): string {
  const r = ctx.report;
  const q = `?period=${r.period.name}`;
  const covers = ctx.periodSwitch ? html`${r.period.label}: ${periodRange(r.period.from, r.period.to)} · ` : '';
  const body = html`<header><h1>${r.title}</h1>
<p class="meta">${r.kind === 'member' ? `${r.company.name} · ` : ''}${covers}figures as of ${instant(r.asOf, r.company.timeZone)}</p>
${ctx.periodSwitch ? periodNav(ctx) : ''}${ctx.periodSwitch && r.period.notice ? html`<p class="notice" role="note">${r.period.notice}</p>` : ''}
<p class="downloads">Download: <a href="${ctx.base}.csv${q}" download>CSV</a> · <a href="${ctx.base}.json${q}">JSON</a></p></header>
<main>${sections}</main>
<footer>A read-only report shared from Pulse. This link stops working on ${day(r.expiresAt.slice(0, 10))} (UTC) or when its creator revokes it.</footer>`;
  return document(r.title, body);
}
