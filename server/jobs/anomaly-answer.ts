// The anomaly alert as a platform-neutral answer: one field per unusual figure with its value, the usual
// value for that weekday and the move, aggregate figures only (no member data).
import { answer, type Answer } from '../../bot/answer.ts';
import { formatDate } from '../../charts/format.ts';
import { formatMoney, formatNumber, formatPercent, fractionDigits } from '../../core/format/index.ts';
import type { Anomaly, AnomalyPayload } from '../../core/anomalies/index.ts';
import { weekdayOf } from '../../core/schedule/index.ts';
import type { Tenant } from '../../core/tenancy/index.ts';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const LABELS: Record<Anomaly['metric'], string> = { mrr: 'MRR', signups: 'Signups', active_members: 'Active members' };

function amount(a: Anomaly, value: number, currency: string): string {
  return a.metric === 'mrr' ? formatMoney(value, currency) : formatNumber(value);
}

/** The usual value and its range are statistical estimates: cents there would claim a precision they lack. */
function estimate(a: Anomaly, value: number, currency: string): string {
  if (a.metric !== 'mrr') return formatNumber(value);
  const unit = 10 ** fractionDigits(currency);
  return formatMoney(Math.round(value / unit) * unit, currency);
}

function move(a: Anomaly): string {
  if (a.change === null) return a.direction === 'up' ? 'up from none' : 'down';
  return `${a.direction} ${formatPercent(Math.abs(a.change), 0)}`;
}

export function anomalyAnswer(tenant: Tenant, payload: AnomalyPayload): Answer {
  const { currency, timeZone } = tenant.company;
  const weekday = WEEKDAYS[weekdayOf(payload.day)]!;
  const [first] = payload.anomalies;
  const title =
    payload.anomalies.length === 1 && first
      ? `Unusual day: ${LABELS[first.metric]} ${move(first)}`
      : `${payload.anomalies.length} unusual figures on ${formatDate(payload.day)}`;
  const allUp = payload.anomalies.every((a) => a.direction === 'up');
  return answer({
    title,
    summary: `${formatDate(payload.day)} against the same weekday over the previous weeks.`,
    tone: allUp ? 'good' : 'warning',
    fields: payload.anomalies.map((a) => ({
      label: LABELS[a.metric],
      value:
        `**${amount(a, a.value, currency)}**, ${move(a)}: usually ${estimate(a, a.usual, currency)} on ${weekday} ` +
        `(range ${estimate(a, Math.max(0, a.low), currency)}–${estimate(a, a.high, currency)})`,
    })),
    footer: { period: `${formatDate(payload.day)} (${timeZone})` },
  });
}
