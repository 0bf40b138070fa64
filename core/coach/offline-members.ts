// The offline analyst's answers about members and content: how to reduce churn, who to contact first, and
// which content works. Plain text in 2-3 short paragraphs with next steps.
import { count, money, percent } from './coach-format.ts';
import type { ContentFact, ContentFacts } from './content-facts.ts';
import type { EngagementFacts } from './engagement-facts.ts';
import type { RevenueFacts } from './revenue-facts.ts';
import type { AtRiskFact, RiskFacts } from './risk-facts.ts';

const rate = (r: number | null) => (r === null ? '—' : percent(r));

/** "Ask them to update their payment method (1 member); Send a personal "we miss you" message (1 member)". */
function commonActions(members: readonly AtRiskFact[]): string[] {
  const tally = new Map<string, number>();
  for (const m of members) for (const a of m.actions.slice(0, 1)) tally.set(a, (tally.get(a) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1]).map(([text, n]) => `${text} (${count(n, 'member')})`);
}

function scoringLine(r: RiskFacts): string {
  if (r.scoredAt === null)
    return "The churn model has not scored your members yet, so I can't say who is most at risk.";
  const { critical, high, medium } = r.counts;
  const reasons = [...new Set(r.members.map((m) => m.reasons[0]).filter((x): x is string => x !== undefined))].slice(
    0,
    3,
  );
  return (
    `The churn model's latest scoring (${r.scoredAt.slice(0, 10)}) marks ${critical} critical, ${high} high and ${medium} medium risk.` +
    (reasons.length ? ` Top reasons among the riskiest: ${reasons.map((x) => `"${x}"`).join(', ')}.` : '')
  );
}

export function churnAnswer(
  revenue: RevenueFacts,
  engagement: EngagementFacts | { limit: string },
  risks: RiskFacts,
  currency: string,
): string {
  const r = revenue;
  const before = r.previous ? ` (${rate(r.previous.customerChurnRate)} in the period before)` : '';
  const p1 =
    `Over ${r.periodName}, ${r.churnedCustomers} of ${r.customersStart} customers left: customer churn ${rate(r.customerChurnRate)}${before}, ` +
    `and gross MRR churn was ${rate(r.grossMrrChurnRate)} (${money(r.movements.churnMinor + r.movements.contractionMinor, currency)}).`;
  const quiet =
    'limit' in engagement
      ? ''
      : ` ${count(engagement.idle.now, 'member')} ${engagement.idle.now === 1 ? 'has' : 'have'} been quiet for 7-29 days and ${engagement.dormant.now} for 30 days or more.`;
  const actions = commonActions(risks.members);
  const steps = [
    ...actions.slice(0, 2),
    ...('limit' in engagement || engagement.idle.now === 0
      ? []
      : [`Check in with the ${count(engagement.idle.now, 'idle member')} before they go dormant`]),
    'Mark who you contacted in /churn so Pulse learns what works',
  ].slice(0, 3);
  return [p1, `${scoringLine(risks)}${quiet}`, `Next steps: ${steps.map((s, i) => `${i + 1}) ${s}`).join('; ')}.`].join(
    '\n\n',
  );
}

function memberLine(m: AtRiskFact): string {
  const who = m.name === null ? `A member at ${m.risk} risk` : `**${m.name}**, ${m.risk} risk`;
  const why = m.reasons.length ? `: ${m.reasons.slice(0, 2).join('; ')}` : '';
  const what = m.actions[0] ? ` → ${m.actions[0]}` : '';
  return `${m.rank}. ${who} (${percent(m.probability, 0)} churn probability)${why}${what}`;
}

export function contactAnswer(risks: RiskFacts): string {
  if (risks.scoredAt === null)
    return `${scoringLine(risks)}\n\nNext step: once the nightly scoring has run, ask me again or open /churn.`;
  const urgent = risks.members.filter((m) => m.risk !== 'low');
  if (urgent.length === 0) {
    return 'Good news: the latest churn scoring has nobody at medium, high or critical risk. 🎉\n\nNext step: keep your regular check-ins going, and ask me again after the next scoring.';
  }
  const head = `Start with these, riskiest first (latest churn scoring ${risks.scoredAt.slice(0, 10)}):`;
  const hidden = risks.namesShown
    ? ''
    : '\n\nMember names are shown to admins only: ask an admin to run this, or use /churn.';
  return `${head}\n${urgent.map(memberLine).join('\n')}${hidden}\n\nNext step: contact the first ${Math.min(3, urgent.length)} today, personally, and mark them contacted in /churn so Pulse can tell whether it helped.`;
}

function itemLine(f: ContentFact): string {
  const completion = f.completionRate === null ? '' : `, completion rate ${percent(f.completionRate)}`;
  return `the ${f.kind} "${f.title}": ${count(f.views, 'view')} from ${count(f.uniqueViewers, 'member')}, ${count(f.completions, 'completion')}${completion}`;
}

function dropOffLine(f: ContentFact): string {
  return f.dropOff
    ? ` In "${f.title}", ${percent(f.dropOff.share)} of starters (${f.dropOff.stopped}) stop after "${f.dropOff.lesson}".`
    : '';
}

export function contentAnswer(content: ContentFacts, periodName: string): string {
  if (!content.best)
    return `No content was viewed over ${periodName}.\n\nNext step: post something short and useful, then point your members to it from your community channel.`;
  const p1 = `Your best performer over ${periodName} is ${itemLine(content.best)}.${dropOffLine(content.best)}`;
  const w = content.worst && content.worst.title !== content.best.title ? content.worst : null;
  const p2 = w
    ? `The weakest is ${itemLine(w)}.${dropOffLine(w)}`
    : 'Nothing else has enough starters to call it weak yet.';
  const fix = w?.dropOff ?? content.best.dropOff;
  const steps = [
    ...(fix
      ? [
          `rework "${fix.lesson}", where ${percent(fix.share)} of starters stop (shorter, with a clear next step at the end)`,
        ]
      : []),
    `point members to "${content.best.title}" in your welcome message`,
    'ask the members who stopped what got in the way',
  ];
  return [p1, p2, `Next steps: ${steps.map((s, i) => `${i + 1}) ${s}`).join('; ')}.`].join('\n\n');
}
