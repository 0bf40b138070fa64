// The anomaly alert as a platform-neutral answer: one field per unusual figure with its value, the usual
// value for that weekday and the move, aggregate figures only (no member data).
import { answer, type Answer } from '../../bot/answer.ts';
import { formatDate, formatMoney, formatNumber, formatSignedPercent } from '../../charts/format.ts';
import type { AnomalyPayload } from '../../core/delivery/index.ts';
import { weekdayOf, type Anomaly } from '../../core/schedule/index.ts';
import type { Tenant } from '../../core/tenancy/index.ts';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const LABELS: Record<Anomaly['metric'], string> = { mrr: 'MRR', signups: 'Signups', active_members: 'Active members' };

function amount(a: Anomaly, value: number, currency: string): string {
  return a.metric === 'mrr' ? formatMoney(Math.round(value), currency, { whole: true }) : formatNumber(value);
}

function move(a: Anomaly): string {
  if (a.change === null) return a.direction === 'up' ? 'up from none' : 'down';
  return `${a.direction} ${formatSignedPercent(a.change, 0).replace(/^[+-]/, '')}`;
}

export function anomalyAnswer(tenant: Tenant, payload: AnomalyPayload): Answer {
  const { currency, timeZone } = tenant.company;
  const weekday = WEEKDAYS[weekdayOf(payload.day)]!;
  const [first] = payload.anomalies;
  const title = payload.anomalies.length === 1 && first
    ? `Unusual day: ${LABELS[first.metric]} ${move(first)}`
    : `${payload.anomalies.length} unusual figures on ${formatDate(payload.day)}`;
  const allUp = payload.anomalies.every((a) => a.direction === 'up');
  return answer({
    title,
    summary: `${formatDate(payload.day)} against the same weekday over the previous weeks.`,
    tone: allUp ? 'good' : 'warning',
    fields: payload.anomalies.map((a) => ({
      label: LABELS[a.metric],
      value: `**${amount(a, a.value, currency)}**, ${move(a)}: usually ${amount(a, a.usual, currency)} on ${weekday} ` +
        `(range ${amount(a, Math.max(0, a.low), currency)}–${amount(a, a.high, currency)})`,
    })),
    footer: { period: `${formatDate(payload.day)} (${timeZone})` },
  });
}
