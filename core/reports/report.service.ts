// buildReport: the data of one report link for one named period, from the same core services the bot's
// answers use (revenueReport, engagementReport, contentReport, the forecast, the latest churn scoring).
// Periods and the as-of instant follow the chat answers' rules: figures are as of the company's last data
// refresh (the revenue rollup's instant), so a page view does not rebuild a rollup and every section counts
// the same data, and a period longer than the tier keeps is cut to its history window.
import type { Queryable } from '../db/queryable.ts';
import { localDay } from '../period.ts';
import { companyById } from '../companies/company.repository.ts';
import { readRollupState } from '../revenue/rollup.repository.ts';
import { reportKindLabels, type ReportKind, type ReportParams } from './kinds.ts';
import { defaultPeriodFor, resolvePeriod, type PeriodName } from '../named-periods.ts';
import type { ReportJson } from './report-json.ts';
import { churnSection } from './sections/churn.section.ts';
import { latestProbabilities } from './sections/churn.repository.ts';
import { contentSection } from './sections/content.section.ts';
import { engagementSection } from './sections/engagement.section.ts';
import { memberSection } from './sections/member.section.ts';
import { cohortsSection } from './sections/cohorts.section.ts';
import { forecastSection, revenueSection } from './sections/revenue.section.ts';

export interface ReportRequest {
  companyId: number;
  kind: ReportKind;
  params: ReportParams;
  expiresAt: Date;
  /** The period asked for; default the link's, else the company tier's default. */
  period?: PeriodName;
  now: Date;
}

/** A refresh older than this is not trusted: the figures are then computed as of now (the rollup rebuilt). */
export const MAX_REFRESH_AGE_MS = 24 * 3_600_000;

/**
 * The instant figures are as of — the rule of chat answers (bot/parts/freshness.ts): the company's last
 * refresh (its revenue rollup's instant) when it is at most a day old and not ahead of the clock, else now.
 */
export async function reportAsOf(db: Queryable, companyId: number, now: Date): Promise<Date> {
  const state = await readRollupState(db, companyId);
  const age = state ? now.getTime() - state.asOf.getTime() : -1;
  return state && age >= 0 && age <= MAX_REFRESH_AGE_MS ? state.asOf : now;
}

/** How many top content items the overview lists. */
export const OVERVIEW_CONTENT_ITEMS = 10;

export async function buildReport(db: Queryable, req: ReportRequest): Promise<ReportJson> {
  const company = await companyById(db, req.companyId);
  const asOf = await reportAsOf(db, req.companyId, req.now);
  const name = req.period ?? req.params.period ?? defaultPeriodFor(company.tier);
  const period = resolvePeriod(name, asOf, company.timeZone, company.tier);
  const id = company.id;
  const base: ReportJson = {
    version: 1,
    kind: req.kind,
    title: `${reportKindLabels[req.kind]} · ${company.name}`,
    company: { name: company.name, currency: company.currency, timeZone: company.timeZone, tier: company.tier },
    asOf: asOf.toISOString(),
    asOfDay: localDay(asOf, company.timeZone),
    period: { name, label: period.label, from: period.from, to: period.to, notice: period.notice },
    expiresAt: req.expiresAt.toISOString(),
  };
  switch (req.kind) {
    case 'overview': {
      const [revenue, forecast, engagement, content, churn] = await Promise.all([
        revenueSection(db, id, period, asOf),
        forecastSection(db, id, period, asOf),
        engagementSection(db, id, period, asOf),
        contentSection(db, id, period, asOf, OVERVIEW_CONTENT_ITEMS),
        churnSection(db, id, asOf),
      ]);
      return { ...base, revenue, forecast, engagement, content, churn };
    }
    case 'revenue': {
      const [revenue, forecast, cohorts] = await Promise.all([
        revenueSection(db, id, period, asOf),
        forecastSection(db, id, period, asOf),
        cohortsSection(db, id, asOf),
      ]);
      return { ...base, revenue, forecast, cohorts };
    }
    case 'engagement':
      return { ...base, engagement: await engagementSection(db, id, period, asOf) };
    case 'content':
      return { ...base, content: await contentSection(db, id, period, asOf) };
    case 'churn':
      return { ...base, churn: await churnSection(db, id, asOf) };
    case 'member': {
      const memberId = req.params.memberId;
      const member =
        memberId === undefined
          ? { ok: false as const, notice: 'This link names no member.' }
          : await memberSection(db, company, memberId, period, asOf);
      return {
        ...base,
        title: member.ok
          ? `${reportKindLabels.member} · ${member.member.name ?? member.member.username ?? member.member.whopUserId}`
          : base.title,
        member,
      };
    }
  }
}

/** Every churn probability of the scoring a report's churn section sums up (the risk chart's input). */
export function reportChurnProbabilities(db: Queryable, companyId: number, asOf: Date): Promise<number[]> {
  return latestProbabilities(db, companyId, asOf);
}
