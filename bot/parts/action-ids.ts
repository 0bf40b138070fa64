// Opaque action references for buttons and selects (Discord custom_id ≤ 100 chars, Slack action_id). They
// carry only Pulse's own row ids and fixed words — never member names, emails or Whop ids — and every click
// is checked again against the clicker's workspace before anything is read or written.
import { BadInput } from '../../core/errors.ts';
import { memberFigures, type MemberFigure } from '../../core/revenue/figure-names.ts';
import { periodChoices, type PeriodChoice } from './periods.ts';

/** The version prefix of every id (lets a later format coexist with buttons already posted). */
const PREFIX = 'p1';
const MAX_LENGTH = 100;

export type ChurnRowAction = 'contacted' | 'snooze' | 'notrisk' | 'profile';
/** The buttons of a failed-payment alert; `member` shows the member privately (alerts outside the staff channel). */
export type RescueAction = 'contacted' | 'resolved' | 'snooze' | 'member';
export type PeriodCommand = 'revenue' | 'engagement';
export type RiskFilter = 'critical' | 'high' | 'medium' | 'low' | 'all';
/** The risk levels "Who?" on /churn lists. */
export type RiskBucket = Exclude<RiskFilter, 'all'>;

/** What a click asks for, once its id is parsed. */
export type ParsedAction =
  | { kind: 'churn'; action: ChurnRowAction; predictionId: number }
  | { kind: 'rescue'; action: RescueAction; rescueId: number }
  | { kind: 'period'; command: PeriodCommand; by?: 'plan' | 'product' }
  | { kind: 'page'; risk: RiskFilter; page: number }
  | { kind: 'reveal' }
  /** "Who?" on /revenue: the select (figure from its value) or a page of one figure's list. */
  | { kind: 'who-revenue'; period: PeriodChoice; figure: MemberFigure | null; page: number }
  /** "Who?" on /churn: the button (offers the buckets) and the bucket select (risk from its value). */
  | { kind: 'who-churn' }
  | { kind: 'who-risk' }
  | { kind: 'setup-key' }
  /** "Reach out" on a churn row; `confirmed` once the admin chose to message a member reached within the cool-down. */
  | { kind: 'reach'; predictionId: number; confirmed: boolean };

/** Exactly this id opens the Whop-key modal in both adapters. */
export const SETUP_KEY_ACTION = `${PREFIX}:setup:key`;

const churnActions: readonly ChurnRowAction[] = ['contacted', 'snooze', 'notrisk', 'profile'];
const rescueActions: readonly RescueAction[] = ['contacted', 'resolved', 'snooze', 'member'];
const riskFilters: readonly RiskFilter[] = ['critical', 'high', 'medium', 'low', 'all'];
const periodCommands: readonly PeriodCommand[] = ['revenue', 'engagement'];

function checked(id: string): string {
  if (id.length > MAX_LENGTH) throw new Error(`action id longer than ${MAX_LENGTH}: ${id.slice(0, 20)}…`);
  return id;
}

export function churnActionId(action: ChurnRowAction, predictionId: number): string {
  return checked(`${PREFIX}:churn:${action}:${predictionId}`);
}

/** A button of a failed-payment alert: the episode's own id (payment_rescues.id). */
export function rescueActionId(action: RescueAction, rescueId: number): string {
  return checked(`${PREFIX}:rescue:${action}:${rescueId}`);
}

/** "Reach out"" on a churn row (it opens the message form); `again` after a recent message was shown. */
export function reachActionId(predictionId: number, again = false): string {
  return checked(`${PREFIX}:reach:${predictionId}${again ? ':again' : ''}`);
}

/** The period select of /revenue or /engagement; a revenue breakdown's carries its `by` (plan or product). */
export function periodSelectId(command: PeriodCommand, by?: 'plan' | 'product'): string {
  return checked(`${PREFIX}:period:${command}${by ? `:${by}` : ''}`);
}

export function churnPageId(risk: RiskFilter, page: number): string {
  return checked(`${PREFIX}:page:churn:${risk}:${page}`);
}

/** The "Who?" select under /revenue for a period (its value is the figure), or page `page` of a figure's members. */
export function whoRevenueId(period: PeriodChoice, figure?: MemberFigure, page = 0): string {
  return checked(
    figure === undefined ? `${PREFIX}:who:rev:${period}` : `${PREFIX}:who:rev:${period}:${figure}:${page}`,
  );
}

/** The "Who?" button under /churn, and the risk-level select it answers with (its value is the level). */
export const WHO_CHURN_ACTION = `${PREFIX}:who:churn`;
export const WHO_RISK_ACTION = `${PREFIX}:who:risk`;

/** Digests and alerts posted outside the staff channel: shows the urgent list privately to whoever may see it. */
export const REVEAL_URGENT_ACTION = `${PREFIX}:reveal:urgent`;

const positiveInt = /^[1-9]\d{0,15}$/;

/** Parses an id made by this file; BadInput for anything else (an old, forged or foreign id). */
export function parseActionId(id: string): ParsedAction {
  const parts = id.split(':');
  const unknown = new BadInput('This button is no longer valid. Run the command again.');
  if (parts[0] !== PREFIX) throw unknown;
  const [, kind, a, b, c] = parts;
  if (id === SETUP_KEY_ACTION) return { kind: 'setup-key' };
  if (id === REVEAL_URGENT_ACTION) return { kind: 'reveal' };
  if (
    kind === 'churn' &&
    parts.length === 4 &&
    churnActions.includes(a as ChurnRowAction) &&
    positiveInt.test(b ?? '')
  ) {
    return { kind: 'churn', action: a as ChurnRowAction, predictionId: Number(b) };
  }
  if (
    kind === 'rescue' &&
    parts.length === 4 &&
    rescueActions.includes(a as RescueAction) &&
    positiveInt.test(b ?? '')
  ) {
    return { kind: 'rescue', action: a as RescueAction, rescueId: Number(b) };
  }
  if (kind === 'reach' && positiveInt.test(a ?? '') && (parts.length === 3 || (parts.length === 4 && b === 'again'))) {
    return { kind: 'reach', predictionId: Number(a), confirmed: parts.length === 4 };
  }
  if (kind === 'period' && parts.length === 3 && periodCommands.includes(a as PeriodCommand)) {
    return { kind: 'period', command: a as PeriodCommand };
  }
  if (kind === 'period' && parts.length === 4 && a === 'revenue' && (b === 'plan' || b === 'product')) {
    return { kind: 'period', command: 'revenue', by: b };
  }
  if (id === WHO_CHURN_ACTION) return { kind: 'who-churn' };
  if (id === WHO_RISK_ACTION) return { kind: 'who-risk' };
  if (kind === 'who' && a === 'rev' && periodChoices.includes(b as PeriodChoice)) {
    if (parts.length === 4) return { kind: 'who-revenue', period: b as PeriodChoice, figure: null, page: 0 };
    const page = parts[5];
    if (parts.length === 6 && memberFigures.includes(c as MemberFigure) && /^\d{1,4}$/.test(page ?? '')) {
      return { kind: 'who-revenue', period: b as PeriodChoice, figure: c as MemberFigure, page: Number(page) };
    }
  }
  if (
    kind === 'page' &&
    a === 'churn' &&
    parts.length === 5 &&
    riskFilters.includes(b as RiskFilter) &&
    /^\d{1,4}$/.test(c ?? '')
  ) {
    return { kind: 'page', risk: b as RiskFilter, page: Number(c) };
  }
  throw unknown;
}
