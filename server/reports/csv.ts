// The report as CSV, one figure per row (section, item, metric, value, unit, note), flattened from the same
// JSON the page renders, so both carry the same numbers. Money is in major units of the company's currency
// (metric names lose their "Minor" suffix); rates stay ratios; a figure that is not available has an empty
// value and its reason as the note. Text cells that a spreadsheet would run as a formula are quoted with '.
import { fractionDigits } from '../../core/format/index.ts';
import type { ReportJson } from '../../core/reports/report-json.ts';

type Cell = string | number | boolean | null;
type Row = [section: string, item: string, metric: string, value: Cell, unit: string, note: string];

const sections = ['revenue', 'forecast', 'engagement', 'content', 'churn', 'member'] as const;

function isFigure(v: unknown): v is { value: number | null; reason?: string } {
  return (
    typeof v === 'object' && v !== null && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'reason')
  );
}

/** Exact decimal text of minor units: 18000 cents -> "180.00". */
export function majorUnits(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function itemName(o: Record<string, unknown>, i: number): string {
  if (typeof o.day === 'string') return o.day;
  if (typeof o.title === 'string') return o.title;
  if (typeof o.factor === 'string') return o.factor;
  if (typeof o.weekday === 'number' && typeof o.hour === 'number') return `weekday ${o.weekday} hour ${o.hour}`;
  if (typeof o.plan === 'string') return `${o.plan} ${String(o.startedAt ?? '')}`.trim();
  return String(i + 1);
}

function flatten(out: Row[], currency: string, section: string, item: string, path: string, v: unknown): void {
  const push = (metric: string, value: Cell, note = '') => {
    const money = metric.endsWith('Minor') && typeof value === 'number';
    out.push([
      section,
      item,
      money ? metric.slice(0, -5) : metric,
      money ? majorUnits(value, currency) : value,
      money ? currency.toUpperCase() : '',
      note,
    ]);
  };
  if (isFigure(v)) return push(path, v.value, v.reason ?? '');
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (typeof x === 'object' && x !== null) {
        const name = itemName(x as Record<string, unknown>, i);
        for (const [k, y] of Object.entries(x))
          flatten(out, currency, section, item ? `${item} / ${name}` : name, path ? `${path}.${k}` : k, y);
      } else push(path, x as Cell, `#${i + 1}`);
    });
    return;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, y] of Object.entries(v))
      if (k !== 'ok') flatten(out, currency, section, item, path ? `${path}.${k}` : k, y);
    return;
  }
  push(path, v as Cell);
}

function cell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function reportCsv(r: ReportJson): string {
  const rows: Row[] = [
    ['report', '', 'kind', r.kind, '', ''],
    ['report', '', 'company', r.company.name, '', ''],
    ['report', '', 'currency', r.company.currency.toUpperCase(), '', ''],
    ['report', '', 'timeZone', r.company.timeZone, '', ''],
    ['report', '', 'period', r.period.name, '', ''],
    ['report', '', 'from', r.period.from, '', ''],
    ['report', '', 'to', r.period.to, '', 'exclusive'],
    ['report', '', 'asOf', r.asOf, '', ''],
    ...(r.period.notice ? [['report', '', 'periodNotice', null, '', r.period.notice] as Row] : []),
  ];
  for (const s of sections) {
    const v = r[s];
    if (v === undefined) continue;
    if ('ok' in v && v.ok === false) rows.push([s, '', 'notice', null, '', v.notice]);
    else flatten(rows, r.company.currency, s, '', '', v);
  }
  return ['section,item,metric,value,unit,note', ...rows.map((row) => row.map(cell).join(','))].join('\r\n') + '\r\n';
}
