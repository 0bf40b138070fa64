// Who is most at risk of churning, as coach facts: counts per risk level from the latest scoring and the
// riskiest members with the model's reasons and recommended actions. Names only when the asker may see
// member-level data (admins); the tier's member-list cap applies.
import type { Queryable } from '../db/queryable.ts';
import type { RiskLevel } from '../churn/index.ts';
import { MEMBER_LIST_CAP, type CompanyTier } from '../tiers/tier-limits.ts';
import { latestScoring } from './at-risk.repository.ts';

export interface AtRiskFact {
  rank: number;
  /** Null when names are hidden from this asker. */
  name: string | null;
  risk: RiskLevel;
  probability: number;
  reasons: string[];
  actions: string[];
}

export interface RiskFacts {
  scoredAt: string | null;
  counts: Record<RiskLevel, number>;
  namesShown: boolean;
  members: AtRiskFact[];
  notes: string[];
}

/** A name as chat may show it: one line, no control characters, at most 60 characters. */
export function displayName(name: string | null, username: string | null): string {
  const raw = (name ?? '').trim() || (username ?? '').trim() || 'unnamed member';
  const line = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export async function riskFacts(
  db: Queryable,
  companyId: number,
  tier: CompanyTier,
  asOf: Date,
  opts: { limit: number; names: boolean },
): Promise<RiskFacts> {
  const cap = MEMBER_LIST_CAP[tier];
  const limit = Math.max(1, cap === null ? opts.limit : Math.min(opts.limit, cap));
  const scoring = await latestScoring(db, companyId, asOf, limit);
  const notes: string[] = [];
  if (scoring.scoredAt === null)
    notes.push('The churn model has not scored this company yet: no member is marked at risk.');
  if (!opts.names && scoring.members.length > 0)
    notes.push('Member names are shown to admins only; an admin can ask, or use /churn.');
  return {
    scoredAt: scoring.scoredAt?.toISOString() ?? null,
    counts: scoring.counts,
    namesShown: opts.names,
    members: scoring.members.map((m, i) => ({
      rank: i + 1,
      name: opts.names ? displayName(m.name, m.username) : null,
      risk: m.risk,
      probability: m.probability,
      reasons: m.reasons.slice(0, 3),
      actions: m.actions.slice(0, 2),
    })),
    notes,
  };
}
