// The facts the coach starts from, for one company at one instant: headline revenue with deltas and MRR
// movements, engagement, the riskiest members with reasons, best and worst content, and the forecast — all
// for the company's time zone and tier. Every query takes the scope's company id, which comes from the chat
// workspace's link (the tenant), never from a model.
import type { Queryable } from '../db/queryable.ts';
import { localDay } from '../period.ts';
import type { Company } from '../revenue/index.ts';
import { defaultCoachPeriod, resolveCoachPeriod, type ResolvedCoachPeriod } from './coach-periods.ts';
import { contentFacts, type ContentFacts } from './content-facts.ts';
import { engagementFacts, type EngagementFacts } from './engagement-facts.ts';
import { forecastFacts, type ForecastFacts } from './forecast-facts.ts';
import { revenueFacts, type RevenueFacts } from './revenue-facts.ts';
import { riskFacts, type RiskFacts } from './risk-facts.ts';

/** Whose numbers, as of when, and whether member names may be shown to the person asking. */
export interface CoachScope {
  db: Queryable;
  company: Company;
  asOf: Date;
  memberNames: boolean;
}

export interface CoachContext {
  company: { name: string; tier: string; timeZone: string; currency: string; today: string };
  period: { name: string; label: string; from: string; to: string; notice: string | null };
  revenue: RevenueFacts | { limit: string };
  engagement: EngagementFacts | { limit: string };
  risks: RiskFacts;
  content: ContentFacts | { limit: string };
  forecast: ForecastFacts;
}

export function scopePeriod(scope: CoachScope, name = defaultCoachPeriod(scope.company.tier)): ResolvedCoachPeriod {
  return resolveCoachPeriod(name, scope.asOf, scope.company.timeZone, scope.company.tier);
}

export async function buildCoachContext(
  scope: CoachScope,
  period: ResolvedCoachPeriod = scopePeriod(scope),
): Promise<CoachContext> {
  const { db, company, asOf } = scope;
  // Revenue first: it brings the revenue rollup to asOf, which engagement and the forecast read.
  const revenue = await revenueFacts(db, company, period, asOf);
  const [engagement, risks, content, forecast] = await Promise.all([
    engagementFacts(db, company.id, period, asOf),
    riskFacts(db, company.id, company.tier, asOf, { limit: 5, names: scope.memberNames }),
    contentFacts(db, company.id, period, asOf, { limit: 3 }),
    forecastFacts(db, company.id, asOf),
  ]);
  return {
    company: {
      name: company.name,
      tier: company.tier,
      timeZone: company.timeZone,
      currency: company.currency,
      today: localDay(asOf, company.timeZone),
    },
    period: { name: period.name, label: period.label, from: period.from, to: period.to, notice: period.notice },
    revenue,
    engagement,
    risks,
    content,
    forecast,
  };
}
