// Schedule maths with the clock passed in: local wall time, which digests are due, anomaly detection.
export * from './local-time.ts';
export * from './digest-due.ts';
export * from './anomalies.ts';
export * from './anomaly-settings.ts';
