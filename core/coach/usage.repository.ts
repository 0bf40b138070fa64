// coach_usage: questions and tokens per company and month (the company's local month). A question is counted
// before it is answered, in one statement that also enforces the tier's quota, so two questions at once can
// never both take the last one; a question that could not be answered at all is given back.
import type { Queryable } from '../db/queryable.ts';
import { companyById } from '../companies/company.repository.ts';
import { addMonths, localDay, monthStart, type Day } from '../period.ts';
import type { CompanyTier } from '../tiers/tier-limits.ts';
import { QUESTIONS_PER_MONTH } from './coach-limits.ts';

export function usageMonth(at: Date, timeZone: string): Day {
  return monthStart(localDay(at, timeZone));
}

/** Counts one question; the month's count after it, or null when the quota (`limit`, null = none) is used up. */
export async function reserveQuestion(
  db: Queryable,
  companyId: number,
  month: Day,
  limit: number | null,
): Promise<number | null> {
  if (limit !== null && limit < 1) return null;
  const { rows } = await db.query<{ questions: number }>(
    `insert into coach_usage (company_id, month, questions, tokens) values ($1, $2, 1, 0)
     on conflict (company_id, month) do update set questions = coach_usage.questions + 1
       where $3::int is null or coach_usage.questions < $3::int
     returning questions`,
    [companyId, month, limit],
  );
  return rows[0]?.questions ?? null;
}

export async function releaseQuestion(db: Queryable, companyId: number, month: Day): Promise<void> {
  await db.query('update coach_usage set questions = greatest(questions - 1, 0) where company_id = $1 and month = $2', [
    companyId,
    month,
  ]);
}

export async function addTokens(db: Queryable, companyId: number, month: Day, tokens: number): Promise<void> {
  if (tokens <= 0) return;
  await db.query('update coach_usage set tokens = tokens + $3 where company_id = $1 and month = $2', [
    companyId,
    month,
    Math.round(tokens),
  ]);
}

export interface CoachUsage {
  /** First day of the month counted (company time zone). */
  month: Day;
  /** First day of the next month, when the count starts again. */
  resetsOn: Day;
  tier: CompanyTier;
  questions: number;
  tokens: number;
  /** Questions allowed this month; null = unlimited. */
  limit: number | null;
  /** Questions left; null = unlimited. */
  remaining: number | null;
}

/** The company's coach usage in the month of `asOf` (its time zone), for `/pulse status`. */
export async function coachUsage(db: Queryable, companyId: number, asOf: Date): Promise<CoachUsage> {
  const company = await companyById(db, companyId);
  const month = usageMonth(asOf, company.timeZone);
  const { rows } = await db.query<{ questions: number; tokens: string }>(
    'select questions, tokens from coach_usage where company_id = $1 and month = $2',
    [companyId, month],
  );
  const questions = rows[0]?.questions ?? 0;
  const limit = QUESTIONS_PER_MONTH[company.tier];
  return {
    month,
    resetsOn: addMonths(month, 1),
    tier: company.tier,
    questions,
    tokens: Number(rows[0]?.tokens ?? 0),
    limit,
    remaining: limit === null ? null : Math.max(0, limit - questions),
  };
}
