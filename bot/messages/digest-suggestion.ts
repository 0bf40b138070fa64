// The digest's one suggested action, from its figures: the most urgent member's recommended action first,
// then a fall in MRR, then fewer active members, else a question for the coach.
import type { PredictionRow } from '../../core/churn/latest-predictions.repository.ts';
import { commandRef } from '../command-ref.ts';
import { memberName } from '../parts/context.ts';
import { formatNumber, signedMoney } from '../parts/format.ts';

export interface SuggestionInput {
  urgent: PredictionRow | undefined;
  /** Whether member names may be shown where the digest is posted. */
  showNames: boolean;
  netNewMinor: number;
  currency: string;
  activeChange: number;
}

export function suggestedAction(s: SuggestionInput): string {
  const todo = s.urgent?.actions[0]?.text;
  if (s.urgent && todo) {
    return s.showNames
      ? `**${memberName(s.urgent)}** (${s.urgent.risk} risk): ${todo}.`
      : `Your most urgent at-risk member: ${todo.charAt(0).toLowerCase()}${todo.slice(1)}. Press **Show the members** to see who.`;
  }
  if (s.netNewMinor < 0)
    return `MRR moved ${signedMoney(s.netNewMinor, s.currency)}: \`${commandRef('revenue')}\` shows which customers churned or downgraded.`;
  if (s.activeChange < 0)
    return `${formatNumber(-s.activeChange)} fewer active members: \`${commandRef('engagement')}\` lists who is fading — a personal message works best.`;
  return `Steady numbers. Ask the coach what to try next: \`${commandRef('ask', 'What content performs best?')}\``;
}
