// How figures read in chat: money, percents, deltas, unavailable figures, period and freshness labels. Money
// and percent formatting is charts/format.ts's (one look everywhere); this adds the chat-specific phrasing.
import { formatDate, formatMoney, formatNumber, formatPercent, formatSignedMoney, formatSignedPercent } from '../../charts/index.ts';
import type { Figure } from '../../core/revenue/index.ts';
import { addDays, type Period } from '../../core/period.ts';

export { formatDate, formatMoney, formatNumber, formatPercent } from '../../charts/index.ts';

/** "$1,234.50". */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency);
}

/** "+$1,200" / "-$300" / "$0" (whole units). */
export function signedMoney(minor: number, currency: string): string {
  return formatSignedMoney(minor === 0 ? 0 : minor, currency);
}

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

/** A money change with its relative size: "+$120 (+4.2%)", "+$5 (+<0.1%)"; the percent is left out from a zero base. */
export function moneyDelta(nowMinor: number, beforeMinor: number, currency: string): string {
  const diff = nowMinor - beforeMinor;
  const rel = beforeMinor === 0 ? 0 : diff / Math.abs(beforeMinor);
  // A real change too small for one decimal still says which way it went: "+<0.1%", never a bare "0%".
  const shown = diff !== 0 && Math.abs(rel) < 0.0005 ? `${diff > 0 ? '+' : '-'}<0.1%` : formatSignedPercent(rel);
  const pct = beforeMinor === 0 ? '' : ` (${shown})`;
  return `${signedMoney(diff, currency)}${pct}`;
}

/** A count change: "+3", "-2", "±0". */
export function countDelta(diff: number): string {
  if (diff === 0) return '±0';
  return `${diff > 0 ? '+' : '-'}${formatNumber(Math.abs(diff))}`;
}

/** A change of a percentage in points: "+1.2 pts". */
export function pointsDelta(diffFraction: number): string {
  const pts = Math.round(diffFraction * 1000) / 10;
  return pts === 0 ? '±0 pts' : `${pts > 0 ? '+' : ''}${pts.toFixed(1)} pts`;
}

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
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} ${get('hour')}:${get('minute')} ${timeZone}`;
}
