// The AI coach (issue 10): /ask calls `createCoach(...).ask`, /pulse status shows `coachUsage`.
export { createCoach, type CoachDeps, type CoachQuestion, type CoachReply, type PulseCoach } from './coach.service.ts';
export { coachUsage, type CoachUsage } from './usage.repository.ts';
export { CoachRateLimited, QUESTIONS_PER_MONTH, USER_RATE_LIMIT, MAX_QUESTION_LENGTH } from './coach-limits.ts';
export { buildCoachContext, type CoachContext, type CoachScope } from './coach-context.ts';
export { detectIntent, type CoachIntent } from './intents.ts';
