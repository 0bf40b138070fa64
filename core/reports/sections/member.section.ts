// The member-profile section: one member the link's creator chose, over the period — the only report kind
// that names anyone. The period respects the tier's history window like every other section.
import type { Queryable } from '../../db/queryable.ts';
import { addDays, localDay, type Period } from '../../period.ts';
import type { Company } from '../../companies/company.repository.ts';
import { historyLimit } from '../../tiers/tier-limits.ts';
import type { MemberJson, Section } from '../report-json.ts';
import {
  memberFacts,
  memberLatestPrediction,
  memberMemberships,
  memberMrrOn,
  memberPayments,
  memberScores,
} from './member.repository.ts';

export async function memberSection(
  db: Queryable,
  company: Company,
  memberId: number,
  period: Period,
  asOf: Date,
): Promise<Section<MemberJson>> {
  const today = localDay(asOf, company.timeZone);
  const limit = historyLimit(company.tier, today, period.from);
  if (limit) return { ok: false, notice: limit.message };
  const member = await memberFacts(db, company.id, memberId);
  if (!member) return { ok: false, notice: 'This member is no longer part of the community.' };
  const lastDay = addDays(period.to, -1) < today ? addDays(period.to, -1) : today;
  const [memberships, mrrMinor, payments, scores, churn] = await Promise.all([
    memberMemberships(db, company.id, memberId, asOf),
    memberMrrOn(db, company.id, memberId, lastDay),
    memberPayments(db, company.id, memberId, { from: period.from, to: period.to, timeZone: company.timeZone, asOf }),
    memberScores(db, company.id, memberId, period.from, lastDay),
    memberLatestPrediction(db, company.id, memberId, asOf),
  ]);
  const daily: MemberJson['engagement']['daily'] = [];
  for (let day = period.from; day <= lastDay; day = addDays(day, 1))
    daily.push({ day, score: scores.daily.get(day) ?? 0 });
  return {
    ok: true,
    member,
    mrrMinor,
    memberships,
    payments: payments.inPeriod,
    lifetimePaidMinor: payments.lifetimePaidMinor,
    engagement: {
      score: scores.daily.get(lastDay) ?? 0,
      lastActivityAt: scores.lastActivityAt?.toISOString() ?? null,
      daily,
    },
    churn,
  };
}
