// Report links and report data: signed, expiring, revocable links bound to one company and kind,
// and the figures a report shows. The pages themselves are server/routes/reports.ts and server/reports/.
export { createReportLinks } from './report-links.service.ts';
export { reportAsOf } from './report.service.ts';
export type * from './report-json.ts';
