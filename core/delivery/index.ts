// The delivery ledger: exactly-once posting of digests and alerts (claim, take over, record), the churn
// alert episodes and the delivery part of /pulse status. The anomaly check claims through it (core/anomalies).
export * from './dedupe-key.ts';
export * from './retry-policy.ts';
export * from './ledger.repository.ts';
export * from './attempt.service.ts';
export * from './status.repository.ts';
export * from './churn-alerts.repository.ts';
export * from './churn-alert.service.ts';
