// Outcome tracking of outreach: among closed critical/high cases (counted as "members saved" counts them), how
// many members a message reached and how many of those stayed, against the ones nobody messaged. Pure.
import { formatPercent } from '../format/index.ts';

export interface OutreachOutcomes {
  reachedOut: number;
  reachedOutStayed: number;
  notReached: number;
  notReachedStayed: number;
  sentence: string;
}

export function outreachOutcomes(cases: ReadonlyArray<{ reachedOut: boolean; churned: boolean }>): OutreachOutcomes {
  const reached = cases.filter((c) => c.reachedOut);
  const rest = cases.filter((c) => !c.reachedOut);
  const reachedStayed = reached.filter((c) => !c.churned).length;
  const restStayed = rest.filter((c) => !c.churned).length;
  const share = (n: number, of: number) => formatPercent(n / of, 0);
  const sentence =
    reached.length === 0
      ? 'no at-risk member has been messaged through Pulse yet'
      : `${reachedStayed} of ${reached.length} at-risk members messaged through Pulse stayed (${share(reachedStayed, reached.length)})` +
        (rest.length > 0
          ? `; of those not messaged, ${restStayed} of ${rest.length} (${share(restStayed, rest.length)})`
          : '');
  return {
    reachedOut: reached.length,
    reachedOutStayed: reachedStayed,
    notReached: rest.length,
    notReachedStayed: restStayed,
    sentence,
  };
}
