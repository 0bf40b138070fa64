// The tier limits of docs/product.md#tiers that core/ applies: how far back a company's numbers may be queried and
// how many members a member-level list may show. Limits come back as values presenters can explain;
// `tierLimitError` turns one into the TierLimit error for callers that prefer to throw.
import type { CompanyTier } from '../db/entities/companies.ts';
import { TierLimit } from '../errors.ts';
import { addDays, type Day } from '../period.ts';

export type { CompanyTier } from '../db/entities/companies.ts';

/** Days of history kept and queried, per tier. */
export const HISTORY_DAYS: Record<CompanyTier, number> = { free: 7, pro: 90, enterprise: 365 };

/** Rows a member-level list may show, per tier (null: no cap). Aggregates always cover everyone. */
export const MEMBER_LIST_CAP: Record<CompanyTier, number | null> = { free: 50, pro: null, enterprise: null };

/** A limit that was hit: what kind, what the tier allows, and a sentence for the user. */
export interface TierLimitNotice {
  kind: 'history' | 'members';
  tier: CompanyTier;
  allowed: number;
  message: string;
}

/** A value, or the tier limit that kept it from being computed. */
export type Limited<T> = { ok: true; value: T } | { ok: false; limit: TierLimitNotice };

export function isTier(value: string): value is CompanyTier {
  return value === 'free' || value === 'pro' || value === 'enterprise';
}

/** The earliest day the tier may query when today (company time zone) is `asOfDay`. */
export function earliestQueryableDay(tier: CompanyTier, asOfDay: Day): Day {
  return addDays(asOfDay, -(HISTORY_DAYS[tier] - 1));
}

/** Null when a period starting on `from` is inside the tier's history window, else the limit hit. */
export function historyLimit(tier: CompanyTier, asOfDay: Day, from: Day): TierLimitNotice | null {
  const earliest = earliestQueryableDay(tier, asOfDay);
  if (from >= earliest) return null;
  const days = HISTORY_DAYS[tier];
  return {
    kind: 'history',
    tier,
    allowed: days,
    message: `The ${tier} plan keeps ${days} days of history: choose a period starting on ${earliest} or later${tier === 'enterprise' ? '' : ', or upgrade for more'}.`,
  };
}

/** A member-level list cut to the tier's cap, with the limit when rows were left out. */
export function capMemberList<T>(
  tier: CompanyTier,
  rows: readonly T[],
): { rows: T[]; total: number; limit: TierLimitNotice | null } {
  const cap = MEMBER_LIST_CAP[tier];
  if (cap === null || rows.length <= cap) return { rows: [...rows], total: rows.length, limit: null };
  return {
    rows: rows.slice(0, cap),
    total: rows.length,
    limit: {
      kind: 'members',
      tier,
      allowed: cap,
      message: `The ${tier} plan lists ${cap} members; ${rows.length - cap} more are counted in the totals but not listed. Upgrade to see everyone.`,
    },
  };
}

export function tierLimitError(notice: TierLimitNotice): TierLimit {
  return new TierLimit(notice.message, { kind: notice.kind, allowed: notice.allowed, tier: notice.tier });
}
