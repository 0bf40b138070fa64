// Display formatting for report pages: money, rates, counts, dates and changes, with unavailable figures
// shown as "—" carrying their reason. Money, counts and percents are core/format's, so pages read like chat,
// the charts and the coach.
import { formatDate } from '../../charts/format.ts';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatSignedCount,
  formatSignedMoney,
} from '../../core/format/index.ts';
import type { ChangeJson, FigureJson } from '../../core/reports/report-json.ts';
import { addDays } from '../../core/period.ts';
import { html, type Html } from './html.ts';

export const money = (minor: number, currency: string): string => formatMoney(minor, currency);
export const count = (n: number): string => formatNumber(n);
export const percent = (fraction: number, digits = 1): string => formatPercent(fraction, digits);
export const day = (d: string): string => formatDate(d);

/** "+$1,200", "+$12.50", "−$300", "$0". */
export const signedMoney = (minor: number, currency: string): string => formatSignedMoney(minor, currency);
/** "+3", "−2", "±0". */
export const signedCount = (n: number): string => formatSignedCount(n);

/** An available figure through `show`; otherwise "—" with the reason as its title. */
export function figure(f: FigureJson, show: (v: number) => string): Html {
  return f.value === null ? html`<abbr title="${f.reason ?? 'not available'}">—</abbr>` : html`${show(f.value)}`;
}

/** "1 Mar 2026 – 31 Mar 2026" for days [from, to). */
export function periodRange(from: string, to: string): string {
  const last = addDays(to, -1);
  return last === from ? day(from) : `${day(from)} – ${day(last)}`;
}

/** "18:05 UTC, 1 Apr 2026" in the company's zone. */
export function instant(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    d,
  );
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
  return `${time} ${timeZone}, ${day(date)}`;
}

/** "+3 vs previous period" with a class for the direction (good when `higherIsBetter`). */
export function changeNote(c: ChangeJson, higherIsBetter = true): Html {
  const cls = c.change === 0 ? '' : c.change > 0 === higherIsBetter ? 'up' : 'down';
  return html`<small class="${cls}">${signedCount(c.change)} vs previous (${count(c.previous)})</small>`;
}
