// Reaching at-risk members from a churn row: templates, the send (Whop support chat, Discord DM, or the text to
// copy), its record per click, and its outcomes.
export {
  draftOutreach,
  sendOutreach,
  OUTREACH_COOLDOWN_MS,
  type Draft,
  type OutreachCompany,
  type OutreachDeps,
  type SendInput,
  type SendOutcome,
} from './outreach.service.ts';
export { closedCasesByOutreach, type OutreachRecord, type OutreachTarget } from './outreach.repository.ts';
export { outreachOutcomes, type OutreachOutcomes } from './outcomes.ts';
export { OUTREACH_MAX_LENGTH, outreachTemplate } from './template.ts';
export type { Delivery, DirectMessenger } from './delivery.ts';
