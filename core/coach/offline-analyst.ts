// The offline analyst: answers without a model, from the same facts the model gets. It finds the question's
// intent and period, reads the figures through core/ (revenue, engagement, churn scores, content, forecast)
// and writes 2-3 short paragraphs with the real numbers and concrete next steps.
import { buildCoachContext, scopePeriod, type CoachContext, type CoachScope } from './coach-context.ts';
import { count, money, moneyChange, percent } from './coach-format.ts';
import type { ForecastHorizon } from './forecast-facts.ts';
import { periodInQuestion } from './coach-periods.ts';
import { askedDirection, detectIntent, type CoachIntent } from './intents.ts';
import { churnAnswer, contactAnswer, contentAnswer } from './offline-members.ts';
import { compareAnswer, revenueAnswer } from './offline-revenue.ts';

export interface OfflineAnswer {
  intent: CoachIntent;
  text: string;
  /** Member names are in the text. */
  memberLevel: boolean;
}

const rate = (r: number | null) => (r === null ? '—' : percent(r));

function benchmarksAnswer(ctx: CoachContext): string {
  const r = 'limit' in ctx.revenue ? null : ctx.revenue;
  const e = 'limit' in ctx.engagement ? null : ctx.engagement;
  const own = [
    ...(r
      ? [
          `customer churn ${rate(r.customerChurnRate)} over ${r.periodName}${r.previous ? ` (${rate(r.previous.customerChurnRate)} the period before)` : ''}`,
          `ARPU ${r.arpuMinor === null ? '—' : money(r.arpuMinor, ctx.company.currency)}`,
        ]
      : []),
    ...(e ? [`${e.active.now} of ${e.members.now} members active in the last 7 days`] : []),
  ];
  return [
    "Comparing you with similar businesses isn't available yet: Pulse has no benchmarks across creators so far (they are planned as an opt-in, anonymous feature), so I won't guess.",
    own.length
      ? `What I can show is your own trend: ${own.join(', ')}.`
      : 'Your own figures are not available for this period.',
    'Next step: track these three each month — beating your own last month is the comparison that matters most right now.',
  ].join('\n\n');
}

/** The 80% range, said only when it contains the point forecast. */
function rangeText(h: ForecastHorizon, currency: string): string {
  return h.lowMinor <= h.mrrMinor && h.mrrMinor <= h.highMinor
    ? ` (80% range ${money(h.lowMinor, currency)} to ${money(h.highMinor, currency)})`
    : '';
}

function generalAnswer(ctx: CoachContext): string {
  const c = ctx.company.currency;
  const r = 'limit' in ctx.revenue ? null : ctx.revenue;
  const e = 'limit' in ctx.engagement ? null : ctx.engagement;
  const best = 'limit' in ctx.content ? null : ctx.content.best;
  const parts: string[] = [];
  if (r)
    parts.push(
      `MRR is ${money(r.mrrEndMinor, c)} from ${count(r.customersEnd, 'customer')}, ${moneyChange(r.mrrEndMinor, r.mrrStartMinor, c)} over ${r.periodName}; customer churn ${rate(r.customerChurnRate)}.`,
    );
  if (e)
    parts.push(
      `${e.active.now} of ${e.members.now} members were active in the last 7 days; ${e.atRisk.now} at high or critical churn risk.`,
    );
  if (best) parts.push(`Most viewed content: "${best.title}" (${count(best.views, 'view')}).`);
  const f = ctx.forecast;
  const forecast = f.available
    ? ` If the trend holds, MRR is forecast at ${money(f.in30Days.mrrMinor, c)} on ${f.in30Days.day}${rangeText(f.in30Days, c)}.`
    : '';
  return [
    `Here's where things stand: ${parts.join(' ') || 'no figures are available for this period yet.'}${forecast}`,
    'Ask me why revenue moved, how to reduce churn, which content works, how this period compares with the last, or who to contact first.',
  ].join('\n\n');
}

export async function offlineAnswer(scope: CoachScope, question: string): Promise<OfflineAnswer> {
  const intent = detectIntent(question);
  const named = periodInQuestion(question);
  const ctx = await buildCoachContext(scope, named ? scopePeriod(scope, named) : undefined);
  const c = ctx.company.currency;
  const limited = (facts: { limit: string }) =>
    `${facts.limit}\n\nNext step: ask about a shorter period, such as the last 7 days.`;
  switch (intent) {
    case 'benchmarks':
      return { intent, text: benchmarksAnswer(ctx), memberLevel: false };
    case 'contact':
      return {
        intent,
        text: contactAnswer(ctx.risks),
        memberLevel: ctx.risks.namesShown && ctx.risks.members.length > 0,
      };
    case 'content':
      return {
        intent,
        text: 'limit' in ctx.content ? limited(ctx.content) : contentAnswer(ctx.content, ctx.period.label),
        memberLevel: false,
      };
    case 'churn':
      return {
        intent,
        text: 'limit' in ctx.revenue ? limited(ctx.revenue) : churnAnswer(ctx.revenue, ctx.engagement, ctx.risks, c),
        memberLevel: false,
      };
    case 'revenue':
    case 'compare': {
      if ('limit' in ctx.revenue) return { intent, text: limited(ctx.revenue), memberLevel: false };
      const input = {
        revenue: ctx.revenue,
        engagement: ctx.engagement,
        risks: ctx.risks,
        currency: c,
        direction: askedDirection(question),
      };
      return { intent, text: intent === 'revenue' ? revenueAnswer(input) : compareAnswer(input), memberLevel: false };
    }
    case 'general':
      return { intent, text: generalAnswer(ctx), memberLevel: false };
  }
}
