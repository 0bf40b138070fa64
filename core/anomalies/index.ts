// Anomaly alerts, in one place: the maths (a day's MRR, signups and active members against the same weekday's
// usual range), per-company settings, the series read from the rollups, the companies to scan and the daily
// check that claims one delivery per destination. The job (server/jobs/anomalies-scan.ts) only calls it; the
// post's text is server/jobs/anomaly-answer.ts.
export * from './anomaly-detection.ts';
export * from './anomaly-settings.ts';
export * from './anomaly-series.repository.ts';
export * from './anomaly-companies.repository.ts';
export * from './anomaly-check.service.ts';
