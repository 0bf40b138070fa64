// How figures read in chat: unavailable figures, deltas, period and freshness labels. Money, counts and
// percents are written by core/format (one look in chat, charts, report pages and the coach); this adds the
// chat-specific phrasing.
import { formatDate } from '../../charts/index.ts';
import {
  formatMoney,
  formatMoneyChange,
  formatPercent,
  formatPointsDelta,
  formatSignedCount,
  formatSignedMoney,
} from '../../core/format/index.ts';
import type { Figure } from '../../core/revenue/index.ts';
import { addDays, type Period } from '../../core/period.ts';

export { formatDate } from '../../charts/index.ts';
export { formatMoney, formatNumber, formatPercent } from '../../core/format/index.ts';

/** "$1,234" / "$12.50" (core/format's rule). */
export const money = formatMoney;

/** "+$1,200" / "+$12.00" / "−$300.00" / "$0.00". */
export const signedMoney = formatSignedMoney;

/** A rate figure as a percent, "—" when unavailable. */
export function percentFigure(f: Figure, digits = 1): string {
  return f.available ? formatPercent(f.value, digits) : '—';
}

/** A money figure, "—" when unavailable. */
export function moneyFigure(f: Figure, currency: string): string {
  return f.available ? formatMoney(f.value, currency) : '—';
}

/** A plain ratio figure, "2.50", "—" when unavailable. */
export function ratioFigure(f: Figure): string {
  return f.available ? f.value.toFixed(2) : '—';
}

/** A money change with its relative size: "+$120.00 (+4.2%)", "+$5.00 (+<0.1%)"; no percent from a zero base. */
export const moneyDelta = formatMoneyChange;

/** A count change: "+3", "−2", "±0". */
export const countDelta = formatSignedCount;

/** A change of a percentage in points: "+1.2 pts", "−0.5 pts". */
export const pointsDelta = formatPointsDelta;

/** Days [from, to) as "1 Nov 2026 – 26 Nov 2026 (Europe/Berlin)"; one day as "26 Nov 2026 (UTC)". */
export function periodLabel(period: Period, timeZone: string): string {
  const last = addDays(period.to, -1);
  const days = period.from === last ? formatDate(last) : `${formatDate(period.from)} – ${formatDate(last)}`;
  return `${days} (${timeZone})`;
}

/** "4 min ago", "3 h ago", "2 days ago", "just now". */
export function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/** "26 Nov 2026 08:15 UTC" in the company's zone. */
export function instantLabel(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} ${get('hour')}:${get('minute')} ${timeZone}`;
}
