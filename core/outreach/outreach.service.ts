// Reaching out to an at-risk member from a churn row: the draft (the template for the member's top recommended
// action, and any recent message that calls for a confirmation), and the send. A send happens at most once per
// click: the click is claimed first (core/outreach/outreach.repository.ts), and a retried submission replays what
// was recorded. The message goes through Whop's support chat when Whop accepts it, else as a Discord DM from
// Pulse's bot when the member's Discord account is known, else nowhere: the admin gets the reasons and the text
// to copy. A message that reached the member marks the prediction contacted (counted in "members saved").
import { createHash } from 'node:crypto';
import { recordFeedback } from '../churn/feedback.repository.ts';
import type { Config } from '../config.ts';
import type pg from 'pg';
import type { OutreachChannel } from '../db/entities/churn-outreach.ts';
import type { Delivery, DirectMessenger } from './delivery.ts';
import {
  claimClick,
  finishClick,
  latestOutreach,
  outreachTarget,
  type OutreachRecord,
  type OutreachTarget,
} from './outreach.repository.ts';
import { boundedMessage, outreachTemplate } from './template.ts';
import { sendWhopSupportMessage } from './whop-support-chat.ts';

/** A second message to the same member within this long needs the admin's confirmation. */
export const OUTREACH_COOLDOWN_MS = 24 * 3_600_000;

export interface OutreachDeps {
  db: pg.Pool;
  config: Pick<Config, 'PULSE_SECRET' | 'WHOP_API_KEY' | 'WHOP_API_BASE_URL' | 'WHOP_WEBHOOK_SECRET'>;
  now: () => Date;
  /** Pulse's Discord bot, where it is configured. */
  discord?: DirectMessenger;
}

export interface OutreachCompany {
  id: number;
  whopCompanyId: string;
  name: string;
  timeZone: string;
}

export type Draft =
  | { kind: 'not-found' }
  | { kind: 'draft'; target: OutreachTarget; text: string; recent: OutreachRecord | null };

/** The editable starting text for a prediction of this company, and the last message within the cool-down. */
export async function draftOutreach(
  deps: OutreachDeps,
  company: OutreachCompany,
  predictionId: number,
): Promise<Draft> {
  const now = deps.now();
  const target = await outreachTarget(deps.db, company.id, predictionId, now);
  if (!target) return { kind: 'not-found' };
  const text = outreachTemplate({
    action: target.actions[0]?.kind ?? null,
    name: target.name,
    username: target.username,
    companyName: company.name,
    lastActivity: target.lastActivity,
    timeZone: company.timeZone,
  });
  const last = await latestOutreach(deps.db, company.id, target.memberId);
  const recent = last && now.getTime() - last.createdAt.getTime() < OUTREACH_COOLDOWN_MS ? last : null;
  return { kind: 'draft', target, text, recent };
}

export interface SendInput {
  predictionId: number;
  /** The click the form was opened by (`discord:<interaction id>`, `slack:<trigger id>`). */
  clickKey: string;
  text: string;
  /** `discord:<user id>` of the admin. */
  sentBy: string;
  /** The admin confirmed a second message within the cool-down. */
  confirmed: boolean;
}

export type SendOutcome =
  | { kind: 'not-found' }
  | { kind: 'empty' }
  /** This click was submitted before: what happened then (nothing was sent now). */
  | { kind: 'replay'; record: OutreachRecord; target: OutreachTarget }
  /** A message reached the member within the cool-down: nothing sent; the admin may confirm. */
  | { kind: 'cooling'; record: OutreachRecord; target: OutreachTarget }
  | { kind: 'done'; record: OutreachRecord; target: OutreachTarget };

interface Route {
  channel: OutreachChannel;
  attempt: () => Promise<Delivery>;
}

function routes(
  deps: OutreachDeps,
  company: OutreachCompany,
  target: OutreachTarget,
  text: string,
  nonce: string,
): Route[] {
  const out: Route[] = [
    { channel: 'whop', attempt: () => sendWhopSupportMessage(deps.db, deps.config, company, target.whopUserId, text) },
  ];
  const discord = deps.discord;
  if (target.discordUserId && discord)
    out.push({ channel: 'discord', attempt: () => discord.send(target.discordUserId!, text, nonce) });
  return out;
}

/** Why Discord was not tried, when it was not. */
function discordGap(deps: OutreachDeps, target: OutreachTarget): string | null {
  if (!target.discordUserId) return "the member's Discord account is not known to Pulse";
  if (!deps.discord) return "Pulse's Discord bot is not configured";
  return null;
}

export async function sendOutreach(
  deps: OutreachDeps,
  company: OutreachCompany,
  input: SendInput,
): Promise<SendOutcome> {
  const now = deps.now();
  const target = await outreachTarget(deps.db, company.id, input.predictionId, now);
  if (!target) return { kind: 'not-found' };
  const text = boundedMessage(input.text);
  if (!text) return { kind: 'empty' };
  const claim = await claimClick(deps.db, company.id, {
    clickKey: input.clickKey,
    predictionId: target.predictionId,
    memberId: target.memberId,
    message: text,
    sentBy: input.sentBy,
    at: now,
    coolingSince: new Date(now.getTime() - OUTREACH_COOLDOWN_MS),
    confirmed: input.confirmed,
  });
  if (claim.kind !== 'claimed') return { ...claim, target };
  // Unique per company and click, at most 25 characters (Discord's nonce limit).
  const nonce = createHash('sha256').update(`${company.id}:${input.clickKey}`).digest('base64url').slice(0, 25);
  const reasons: string[] = [];
  for (const route of routes(deps, company, target, text, nonce)) {
    const result = await route.attempt();
    if (result.ok) {
      const record = await finishClick(deps.db, company.id, input.clickKey, {
        status: 'sent',
        channel: route.channel,
        reason: null,
        externalId: result.externalId,
        at: deps.now(),
      });
      await recordFeedback(deps.db, company.id, {
        memberId: target.memberId,
        predictionId: target.predictionId,
        label: 'contacted',
        givenBy: input.sentBy,
        at: now,
      });
      return { kind: 'done', record, target };
    }
    if (!result.definite) {
      const record = await finishClick(deps.db, company.id, input.clickKey, {
        status: 'unknown',
        channel: route.channel,
        reason: result.reason,
        externalId: null,
        at: deps.now(),
      });
      return { kind: 'done', record, target };
    }
    reasons.push(result.reason);
  }
  const gap = discordGap(deps, target);
  if (gap) reasons.push(gap);
  const record = await finishClick(deps.db, company.id, input.clickKey, {
    status: 'not_sent',
    channel: 'copy',
    reason: reasons.join('; '),
    externalId: null,
    at: deps.now(),
  });
  return { kind: 'done', record, target };
}
