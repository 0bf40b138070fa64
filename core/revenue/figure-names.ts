// What people call the figures a drill-down lists (CLI flags, chat selects, report tables): a label per figure,
// the movements and counts offered for "who?", and the names accepted for them.
import { BadInput } from '../errors.ts';
import { revenueFigures, type RevenueFigure } from './drilldown-sql.ts';

export const figureLabels: Record<RevenueFigure, string> = {
  new: 'New',
  reactivation: 'Reactivation',
  expansion: 'Expansion',
  contraction: 'Contraction',
  churn: 'Churn',
  churned_customers: 'Churned customers',
  mrr_start: 'MRR at the start',
  mrr_end: 'MRR at the end',
  past_due: 'Past due',
  payments: 'Payments',
  refunds: 'Refunds',
  failed_payments: 'Failed payments',
  recovered_payments: 'Recovered payments',
};

/** The movements and counts of the revenue answer that lead to their members, in the answer's order. */
export const memberFigures = [
  'new',
  'reactivation',
  'expansion',
  'contraction',
  'churn',
  'past_due',
  'recovered_payments',
  'refunds',
] as const satisfies readonly RevenueFigure[];
export type MemberFigure = (typeof memberFigures)[number];

const aliases: Record<string, RevenueFigure> = {
  recovered: 'recovered_payments',
  failed: 'failed_payments',
  reactivated: 'reactivation',
  churned: 'churn',
};

/** A figure by its name, with '-' for '_' and the short names recovered, failed, reactivated and churned. */
export function parseFigureName(value: string): RevenueFigure {
  const name = value.trim().toLowerCase().replaceAll('-', '_');
  const figure = aliases[name] ?? name;
  if ((revenueFigures as string[]).includes(figure)) return figure as RevenueFigure;
  throw new BadInput(
    `unknown figure ${JSON.stringify(value)}; one of ${revenueFigures.join(', ')} (or recovered, failed)`,
  );
}
