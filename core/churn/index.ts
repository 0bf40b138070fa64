// Churn prediction: the calls the bot, the report pages, the CLI and the nightly job use.
export { scoreCompany, type CompanyScores, type MemberScore, type ScoreOptions } from './scoring.service.ts';
export { chooseScoringModel, SCORING_CHAIN, type ModelSource, type ScoringModel } from './model-sources.ts';
export { nightlyChurn, type NightlyChurn } from './nightly.service.ts';
export { trainCompanyModel, trainPooledModel, type TrainedModel, type TrainRequest } from './training.service.ts';
export { closeOutcomes, companyMembersSaved } from './outcomes.service.ts';
export { recordFeedback, type FeedbackInput } from './feedback.repository.ts';
export { markActioned } from './predictions.repository.ts';
export { describeModel } from './describe.ts';
export { riskLevel, riskOrder, riskRange, RISK_THRESHOLDS, type RiskLevel } from './risk.ts';
export { dueForRetraining, freshEnoughToScore, MODEL_MAX_AGE_DAYS, RETRAIN_AFTER_DAYS } from './model-freshness.ts';
export { InsufficientHistory } from './train.ts';
export type { RiskFactor } from './explain.ts';
export type { RecommendedAction, ActionKind, ActionPriority } from './actions.ts';
export type { MembersSaved } from './saved.ts';
export type { ChurnModel, ModelScope, Algorithm } from './model.ts';
