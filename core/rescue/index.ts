// Failed-payment rescue: episodes of memberships whose renewal failed, their alerts (claimed in the delivery
// ledger), the admins' actions on them and the digest's figures.
export * from './episodes.repository.ts';
export * from './rescues.repository.ts';
export * from './rescue-scan.service.ts';
export * from './rescue-figures.repository.ts';
