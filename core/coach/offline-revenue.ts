// The offline analyst's revenue answers: why MRR moved (movements, the biggest driver, cash, failed payments)
// and how a period compares with the one before. Plain text in 2-3 short paragraphs with next steps.
import { count, money, moneyChange, percent, signedMoney } from './coach-format.ts';
import type { EngagementFacts } from './engagement-facts.ts';
import type { RevenueFacts, RevenueSummary } from './revenue-facts.ts';
import type { RiskFacts } from './risk-facts.ts';

export interface RevenueAnswerInput {
  revenue: RevenueFacts;
  engagement: EngagementFacts | { limit: string };
  risks: RiskFacts;
  currency: string;
  direction: 'down' | 'up' | null;
}

const rate = (r: number | null) => (r === null ? '—' : percent(r));
const span = (s: RevenueSummary) => `${s.period.from} to ${s.period.through}`;

/** The non-zero movements in a fixed order: "+$30.00 new, -$80.00 churned". */
export function movementParts(r: RevenueSummary, currency: string): string {
  const m = r.movements;
  const parts: Array<[number, string]> = [
    [m.newMinor, 'new'],
    [m.reactivationMinor, 'reactivated'],
    [m.expansionMinor, 'expansion'],
    [-m.contractionMinor, 'contraction'],
    [-m.churnMinor, 'churned'],
  ];
  const said = parts.filter(([v]) => v !== 0).map(([v, name]) => `${signedMoney(v, currency)} ${name}`);
  return said.length === 0 ? 'no movement at all' : said.join(', ');
}

export function nextSteps(r: RevenueSummary, risks: RiskFacts, currency: string): string {
  const steps: string[] = [];
  if (r.pastDueCustomers > 0) {
    steps.push(
      `ask the ${count(r.pastDueCustomers, 'past-due customer')} to update their payment method today (${money(r.pastDueMrrMinor, currency)} of MRR is still recoverable)`,
    );
  }
  const urgent = risks.counts.critical + risks.counts.high;
  if (urgent > 0)
    steps.push(
      `reach out personally to the ${count(urgent, 'member')} at high or critical churn risk (ask me "who should I contact first?")`,
    );
  if (r.movements.churnMinor > 0)
    steps.push(`ask the ${count(r.churnedCustomers, 'customer')} who left why, and offer a way back`);
  if (r.movements.newMinor === 0)
    steps.push('bring in new members: share a free lesson or a member win where your audience is');
  if (steps.length < 2) steps.push('keep the welcome and check-in messages that are working going');
  return `Next steps: ${steps
    .slice(0, 3)
    .map((s, i) => `${i + 1}) ${s}`)
    .join('; ')}.`;
}

export function revenueAnswer(x: RevenueAnswerInput): string {
  const { revenue: r, currency: c } = x;
  const moved = r.mrrEndMinor - r.mrrStartMinor;
  const heading = moved < 0 ? 'down' : moved > 0 ? 'up' : 'flat';
  const surprise =
    x.direction !== null && heading !== 'flat' && x.direction !== heading
      ? ` — it is actually ${heading}, not ${x.direction}`
      : '';
  const p1 =
    `Over ${r.periodName} (${span(r)}), MRR went from ${money(r.mrrStartMinor, c)} to ${money(r.mrrEndMinor, c)}, ` +
    `${moneyChange(r.mrrEndMinor, r.mrrStartMinor, c)}${surprise}. Net new MRR was ${signedMoney(r.movements.netNewMinor, c)}: ${movementParts(r, c)}.`;
  const losses = r.movements.churnMinor + r.movements.contractionMinor;
  const gains = r.movements.newMinor + r.movements.reactivationMinor + r.movements.expansionMinor;
  const driver =
    losses > gains
      ? `Churn is the main drag: ${r.churnedCustomers} of ${r.customersStart} customers left (customer churn ${rate(r.customerChurnRate)}, gross MRR churn ${rate(r.grossMrrChurnRate)}).`
      : gains > 0
        ? `Growth came mainly from ${r.movements.newMinor >= r.movements.expansionMinor + r.movements.reactivationMinor ? 'new customers' : 'existing customers spending more or coming back'}.`
        : 'Nothing moved MRR in this period.';
  const cash = `Cash collected was ${money(r.cashRevenueMinor, c)}${r.previous ? ` against ${money(r.previous.cashRevenueMinor, c)} in the period before` : ''}.`;
  const failed =
    r.failedPayments > 0
      ? ` ${count(r.failedPayments, 'payment')} failed (${money(r.failedAmountMinor, c)}), and ${money(r.pastDueMrrMinor, c)} of MRR is past due.`
      : '';
  return [p1, `${driver} ${cash}${failed}`, nextSteps(r, x.risks, c)].join('\n\n');
}

export function compareAnswer(x: RevenueAnswerInput): string {
  const { revenue: r, currency: c } = x;
  const p = r.previous;
  if (!p)
    return `I can't compare ${r.periodName} with the period before: ${r.notes[0] ?? 'there is no earlier data'}\n\n${revenueAnswer(x)}`;
  const e = 'limit' in x.engagement ? null : x.engagement;
  const lines = [
    `MRR ${money(r.mrrEndMinor, c)} vs ${money(p.mrrEndMinor, c)}, ${moneyChange(r.mrrEndMinor, p.mrrEndMinor, c)}`,
    `net new MRR ${signedMoney(r.movements.netNewMinor, c)} vs ${signedMoney(p.movements.netNewMinor, c)}`,
    `customers ${r.customersEnd} vs ${p.customersEnd}, customer churn ${rate(r.customerChurnRate)} vs ${rate(p.customerChurnRate)}`,
    `cash collected ${money(r.cashRevenueMinor, c)} vs ${money(p.cashRevenueMinor, c)}`,
    ...(e ? [`active members ${e.active.now} vs ${e.active.previous}`] : []),
  ];
  const better: string[] = [];
  const worse: string[] = [];
  (r.mrrEndMinor >= p.mrrEndMinor ? better : worse).push('MRR');
  if (r.customerChurnRate !== null && p.customerChurnRate !== null)
    (r.customerChurnRate <= p.customerChurnRate ? better : worse).push('churn');
  (r.cashRevenueMinor >= p.cashRevenueMinor ? better : worse).push('cash collected');
  if (e) (e.active.now >= e.active.previous ? better : worse).push('activity');
  const verdict =
    `${better.length ? `Holding up or better: ${better.join(', ')}.` : ''}${worse.length ? ` Worse: ${worse.join(', ')}.` : ''}`.trim();
  const p1 = `${cap(r.periodName)} (${span(r)}) against the period before (${span(p)}): ${lines.join('; ')}.`;
  return [p1, verdict, nextSteps(r, x.risks, c)].join('\n\n');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
