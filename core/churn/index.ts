// Churn prediction: the calls the bot, the report pages, the CLI and the nightly job use.
export { nightlyChurn } from './nightly.service.ts';
export { trainCompanyModel, trainPooledModel } from './training.service.ts';
export { closeOutcomes } from './outcomes.service.ts';
export { recordFeedback } from './feedback.repository.ts';
export { trainInstallModel, trainPriorModel, loadPrior } from './prior.ts';
export { scoreCompany, type CompanyScores } from './scoring.service.ts';
export { chooseScoringModel, SCORING_CHAIN, type ModelSource, type ScoringModel } from './model-sources.ts';
export { describeModel } from './describe.ts';
export { type RiskLevel } from './risk.ts';
export { InsufficientHistory } from './train.ts';
