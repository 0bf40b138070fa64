// "Reach out" on a churn row, platform-neutral: opening the message form (the template for the member's top
// recommended action, prefilled and editable) and sending it (core/outreach). Both check the workspace and the
// clicker as the other churn buttons do, and look the prediction up within this workspace's company only: a
// member of another company is refused and nothing is sent. Answers are private; the adapters render the form
// as a Discord modal (bot/discord/reach-modal.ts) or a Slack modal (bot/slack/reach-modal.ts).
import { accessLevel, actorRef, findTenant, type Tenant } from '../../../core/tenancy/index.ts';
import { signInConfigured } from '../../../core/linking/whop-oauth.ts';
import {
  draftOutreach,
  sendOutreach,
  type OutreachDeps,
  type OutreachRecord,
  type SendOutcome,
} from '../../../core/outreach/index.ts';
import { answer, prose, type Answer } from '../../answer.ts';
import { parseActionId, reachActionId } from '../../parts/action-ids.ts';
import { memberName } from '../../parts/context.ts';
import type { ChatRequest } from '../../requests.ts';
import { errorAnswer, refusalAnswer } from '../errors.ts';
import { instantLabel } from '../../parts/format.ts';
import { setupGuidance } from '../../parts/setup-guidance.ts';
import type { BotDeps } from '../../deps.ts';

/** What the form shows and carries back on submit. */
export interface ReachForm {
  predictionId: number;
  /** The click that opened the form: the send happens at most once for it. */
  clickKey: string;
  confirmed: boolean;
  /** The member's name as plain text (form titles are not markup), bounded. */
  memberLabel: string;
  text: string;
}

export type ReachOpen = { kind: 'form'; form: ReachForm } | { kind: 'answer'; answer: Answer };

export interface ReachSubmission {
  predictionId: number;
  clickKey: string;
  text: string;
  confirmed: boolean;
}

/** The "Reach out" button's prediction (and whether it confirms a second message), or null for any other id. */
export function reachOf(actionId: string): { predictionId: number; confirmed: boolean } | null {
  try {
    const parsed = parseActionId(actionId);
    return parsed.kind === 'reach' ? { predictionId: parsed.predictionId, confirmed: parsed.confirmed } : null;
  } catch {
    return null;
  }
}

const private_ = (title: string, summary: string, tone: Answer['tone'], extra: Partial<Answer> = {}) =>
  answer({ title, summary, tone, visibility: 'ephemeral', memberLevel: true, ...extra });

const notHere = () =>
  answer({
    title: 'Not available here',
    summary: "That member is not in this workspace's company: nothing was sent.",
    tone: 'warning',
    visibility: 'ephemeral',
  });

function outreachDeps(deps: BotDeps): OutreachDeps {
  return {
    db: deps.db,
    config: deps.config,
    now: deps.now,
    ...(deps.directMessages ? { discord: deps.directMessages } : {}),
  };
}

/** The tenant when the clicker may use churn buttons here, else the answer saying why not. */
async function allowedTenant(deps: BotDeps, req: ChatRequest): Promise<Tenant | Answer> {
  const tenant = await findTenant(deps.db, req.platform, req.workspaceId);
  if (!tenant) return setupGuidance(req.platform, req.actor.isAdmin, signInConfigured(deps.config));
  if (accessLevel(tenant.link, req.actor) === 'none') return refusalAnswer('granted');
  return tenant;
}

const isAnswer = (x: Tenant | Answer): x is Answer => 'title' in x;

const channelWords = {
  whop: "through Whop's support chat",
  discord: "as a Discord direct message from Pulse's bot",
  copy: 'nowhere',
} as const;

function plainName(t: { name: string | null; username: string | null }): string {
  const raw = t.name?.trim() || (t.username ? `@${t.username}` : 'a member');
  return raw.replace(/\s+/g, ' ').slice(0, 40);
}

function recentAnswer(record: OutreachRecord, name: string, predictionId: number, timeZone: string): Answer {
  const how = record.status === 'unknown' ? 'Pulse may have sent' : 'Pulse sent';
  return private_(
    'Reached out recently',
    `${how} **${name}** a message ${channelWords[record.channel ?? 'copy']} on ${instantLabel(record.createdAt, timeZone)}, less than 24 hours ago. To send another one anyway, press the button below.`,
    'info',
    {
      components: [
        [{ type: 'button', id: reachActionId(predictionId, true), label: 'Send another message', style: 'secondary' }],
      ],
    },
  );
}

export async function openReachOut(
  deps: BotDeps,
  req: ChatRequest,
  predictionId: number,
  confirmed: boolean,
  clickKey: string,
): Promise<ReachOpen> {
  try {
    const tenant = await allowedTenant(deps, req);
    if (isAnswer(tenant)) return { kind: 'answer', answer: tenant };
    const draft = await draftOutreach(outreachDeps(deps), tenant.company, predictionId);
    if (draft.kind === 'not-found') return { kind: 'answer', answer: notHere() };
    if (draft.recent && !confirmed)
      return {
        kind: 'answer',
        answer: recentAnswer(draft.recent, memberName(draft.target), predictionId, tenant.company.timeZone),
      };
    return {
      kind: 'form',
      form: { predictionId, clickKey, confirmed, memberLabel: plainName(draft.target), text: draft.text },
    };
  } catch (err) {
    return { kind: 'answer', answer: errorAnswer(deps, err, { ...req, name: 'reach out' }) };
  }
}

function outcomeAnswer(
  o: Extract<SendOutcome, { record: OutreachRecord }>,
  timeZone: string,
  predictionId: number,
): Answer {
  const name = memberName(o.target);
  const { record } = o;
  const message = `\n\n${prose(record.message, 1900)}`;
  if (o.kind === 'cooling') return recentAnswer(record, name, predictionId, timeZone);
  const replayed = o.kind === 'replay' ? ['This form was sent before; nothing was sent again.'] : [];
  const when = instantLabel(record.createdAt, timeZone);
  if (record.status === 'sent') {
    return private_(
      `Message sent to ${name}`,
      `Sent ${channelWords[record.channel ?? 'copy']} on ${when}. **${name}** is marked contacted; Pulse tracks whether they stay.${message}`,
      'good',
      { notices: replayed },
    );
  }
  if (record.status === 'sending') {
    return private_('Still sending', `The message to **${name}** is being sent; it is not sent twice.`, 'info', {
      notices: replayed,
    });
  }
  if (record.status === 'unknown') {
    return private_(
      'Not confirmed',
      `Pulse tried to send it ${channelWords[record.channel ?? 'copy']}, but ${prose(record.reason ?? 'the platform did not answer', 300)}.${message}`,
      'warning',
      { notices: replayed },
    );
  }
  return private_(
    'Not sent: copy the message',
    `Pulse could not send it: ${prose(record.reason ?? 'no way to reach this member', 500)}. Copy the text below and send it to **${name}** yourself.${message}`,
    'warning',
    { notices: replayed },
  );
}

export async function submitReachOut(deps: BotDeps, req: ChatRequest, s: ReachSubmission): Promise<Answer> {
  try {
    const tenant = await allowedTenant(deps, req);
    if (isAnswer(tenant)) return tenant;
    const outcome = await sendOutreach(outreachDeps(deps), tenant.company, {
      predictionId: s.predictionId,
      clickKey: s.clickKey,
      text: s.text,
      sentBy: actorRef(req.actor),
      confirmed: s.confirmed,
    });
    if (outcome.kind === 'not-found') return notHere();
    if (outcome.kind === 'empty')
      return private_('Nothing to send', 'The message was empty: press Reach out again and write one.', 'warning');
    return outcomeAnswer(outcome, tenant.company.timeZone, s.predictionId);
  } catch (err) {
    return errorAnswer(deps, err, { ...req, name: 'reach out' });
  }
}
