// Report links and report data (issue 9): signed, expiring, revocable links bound to one company and kind,
// and the figures a report shows. The pages themselves are server/routes/reports.ts and server/reports/.
export { createReportLinks, openReportLink, reportUrl, DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS,
  type ReportLinkDeps, type ReportLinkService, type OpenedReportLink, type CreatedReportLink, type LiveReportLink } from './report-links.service.ts';
export { buildReport, reportAsOf, reportChurnProbabilities, OVERVIEW_CONTENT_ITEMS, type ReportRequest } from './report.service.ts';
export { reportKinds, reportKindLabels, parseReportKind, type ReportKind, type ReportParams } from './kinds.ts';
export { periodNames, periodLabels, isPeriodName, parsePeriodName, resolvePeriod, periodOn, defaultPeriodFor, type PeriodName, type NamedPeriod } from '../named-periods.ts';
export { readToken, signToken, reportLinkKey, isTokenId, type TokenPayload } from './token.ts';
export type * from './report-json.ts';
