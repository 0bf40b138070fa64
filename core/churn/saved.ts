// "Members saved": critical/high-risk members who were acted on and stayed, against what the churn rate
// of the ones nobody acted on says would have happened to them. Pure.
import { formatPercent } from '../format/index.ts';

export interface MembersSaved {
  actioned: number;
  actionedStayed: number;
  unactioned: number;
  /** Churn rate of critical/high members nobody acted on; null with none to compare against. */
  unactionedChurnRate: number | null;
  /** actioned x that rate: churners expected had nobody acted. */
  expectedChurnedIfUnactioned: number | null;
  actionedChurned: number;
  /** Expected minus actual churners among the actioned (may be negative); null without a base rate. */
  saved: number | null;
  sentence: string;
}

export function membersSaved(cases: ReadonlyArray<{ actioned: boolean; churned: boolean }>): MembersSaved {
  const acted = cases.filter((c) => c.actioned);
  const idle = cases.filter((c) => !c.actioned);
  const actionedChurned = acted.filter((c) => c.churned).length;
  const rate = idle.length > 0 ? idle.filter((c) => c.churned).length / idle.length : null;
  const expected = rate === null ? null : acted.length * rate;
  const saved = expected === null ? null : expected - actionedChurned;
  const pct = (x: number) => formatPercent(x, 0);
  const sentence =
    saved === null
      ? acted.length === 0
        ? 'no at-risk member has been acted on yet'
        : 'no unactioned at-risk members to compare with yet'
      : `${acted.length - actionedChurned} of ${acted.length} at-risk members you acted on stayed; at the ${pct(rate!)} churn rate of those ` +
        `nobody contacted, ${expected!.toFixed(1)} would have left: about ${Math.max(0, Math.round(saved))} saved`;
  return {
    actioned: acted.length,
    actionedStayed: acted.length - actionedChurned,
    unactioned: idle.length,
    unactionedChurnRate: rate,
    expectedChurnedIfUnactioned: expected,
    actionedChurned,
    saved,
    sentence,
  };
}
