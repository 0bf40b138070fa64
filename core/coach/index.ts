// The AI coach's entry points, so callers need not know its files: /ask calls `createCoach(...).ask`, and
// /pulse status shows `coachUsage`.
export { createCoach, type CoachReply, type PulseCoach } from './coach.service.ts';
export { coachUsage } from './usage.repository.ts';
export { detectIntent } from './intents.ts';
