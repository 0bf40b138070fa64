// Two periods side by side for the coach: each one's revenue summary and engagement at its end, and the
// differences a minus b (money in minor units, churn rate in percentage points as a ratio).
import type { CoachScope } from './coach-context.ts';
import type { ResolvedCoachPeriod } from './coach-periods.ts';
import { engagementFacts } from './engagement-facts.ts';
import { revenueFacts, type RevenueFacts } from './revenue-facts.ts';

export interface PeriodSide {
  name: string;
  revenue: Omit<RevenueFacts, 'previous'> | { limit: string };
  /** Engagement at the end of the period. */
  engagement:
    | { activeMembers: number; members: number; atRisk: number; averageScore: number | null }
    | { limit: string };
}

export interface PeriodComparison {
  a: PeriodSide;
  b: PeriodSide;
  /** a minus b; null when either side is not available. */
  difference: {
    mrrEndMinor: number;
    netNewMrrMinor: number;
    customersEnd: number;
    cashRevenueMinor: number;
    customerChurnRate: number | null;
    activeMembers: number | null;
  } | null;
  notes: string[];
}

function withoutPrevious(facts: RevenueFacts): Omit<RevenueFacts, 'previous'> {
  const { previous: _previous, ...rest } = facts;
  return rest;
}

async function side(scope: CoachScope, period: ResolvedCoachPeriod): Promise<PeriodSide> {
  const [revenue, engagement] = await Promise.all([
    revenueFacts(scope.db, scope.company, period, scope.asOf),
    engagementFacts(scope.db, scope.company.id, period, scope.asOf),
  ]);
  return {
    name: period.label,
    revenue: 'limit' in revenue ? revenue : withoutPrevious(revenue),
    engagement:
      'limit' in engagement
        ? engagement
        : {
            activeMembers: engagement.active.now,
            members: engagement.members.now,
            atRisk: engagement.atRisk.now,
            averageScore: engagement.averageScore.now,
          },
  };
}

export async function comparePeriods(
  scope: CoachScope,
  a: ResolvedCoachPeriod,
  b: ResolvedCoachPeriod,
): Promise<PeriodComparison> {
  // One after the other: the first brings the revenue rollup to asOf for the second.
  const sa = await side(scope, a);
  const sb = await side(scope, b);
  const notes = [a.notice, b.notice].filter((n): n is string => n !== null);
  if ('limit' in sa.revenue || 'limit' in sb.revenue) return { a: sa, b: sb, difference: null, notes };
  const ra = sa.revenue;
  const rb = sb.revenue;
  const churn =
    ra.customerChurnRate !== null && rb.customerChurnRate !== null ? ra.customerChurnRate - rb.customerChurnRate : null;
  const active =
    'limit' in sa.engagement || 'limit' in sb.engagement
      ? null
      : sa.engagement.activeMembers - sb.engagement.activeMembers;
  return {
    a: sa,
    b: sb,
    notes,
    difference: {
      mrrEndMinor: ra.mrrEndMinor - rb.mrrEndMinor,
      netNewMrrMinor: ra.movements.netNewMinor - rb.movements.netNewMinor,
      customersEnd: ra.customersEnd - rb.customersEnd,
      cashRevenueMinor: ra.cashRevenueMinor - rb.cashRevenueMinor,
      customerChurnRate: churn,
      activeMembers: active,
    },
  };
}
