// At-risk members as an answer table with one row of buttons each — shared by /churn, the digest, churn
// alerts and the "show the list" button, so every surface names and numbers members the same way. Button
// labels carry the row number, never the member's name; ids carry only the prediction id.
import { churnActionId, reachActionId } from './action-ids.ts';
import type { AnswerComponent, AnswerTable } from '../answer.ts';
import { memberName } from './context.ts';
import { formatPercent } from './format.ts';
import type { PredictionRow } from '../../core/churn/latest-predictions.repository.ts';

/** One line of a member's situation: "critical 82% · no activity for 9 days; …". */
export function factorText(r: PredictionRow, max = 2): string {
  const why = r.factors
    .slice(0, max)
    .map((f) => f.sentence)
    .join('; ');
  return why || 'no single factor stands out';
}

function state(r: PredictionRow): string {
  if (r.reachedVia) return `messaged (${r.reachedVia})`;
  if (r.actionedAt) return 'contacted';
  return 'open';
}

export function churnTable(rows: readonly PredictionRow[], firstNumber: number, title?: string): AnswerTable {
  return {
    title,
    columns: [
      { key: 'n', label: '#', align: 'right' },
      { key: 'member', label: 'Member' },
      { key: 'risk', label: 'Risk' },
      { key: 'p', label: 'Churn chance', align: 'right' },
      { key: 'why', label: 'Why' },
      { key: 'todo', label: 'Recommended' },
      { key: 'state', label: 'Status' },
    ],
    rows: rows.map((r, i) => ({
      n: String(firstNumber + i),
      member: memberName(r),
      risk: r.risk,
      p: formatPercent(r.probability, 0),
      why: factorText(r),
      todo: r.actions[0]?.text ?? '—',
      state: state(r),
    })),
  };
}

/** The five actions of one member's row (Discord's most per row), labelled with its number. */
export function churnButtons(r: PredictionRow, n: number): AnswerComponent[] {
  return [
    {
      type: 'button',
      id: churnActionId('contacted', r.predictionId),
      label: `${n} · Mark contacted`,
      style: 'success',
    },
    { type: 'button', id: churnActionId('snooze', r.predictionId), label: `${n} · Snooze 7 d`, style: 'secondary' },
    { type: 'button', id: churnActionId('notrisk', r.predictionId), label: `${n} · Not at risk`, style: 'secondary' },
    {
      type: 'button',
      id: churnActionId('profile', r.predictionId),
      label: `${n} · Open profile report`,
      style: 'primary',
    },
    { type: 'button', id: reachActionId(r.predictionId), label: `${n} · Reach out`, style: 'primary' },
  ];
}
