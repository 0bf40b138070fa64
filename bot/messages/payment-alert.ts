// The failed-payment alert (core/rescue): amount, plan, failed attempts, what Whop will retry and when, the MRR at
// stake, the reason Whop gave, and what an admin did, with the buttons Mark contacted / Resolved / Snooze. Built
// from the episode row every time it is posted or edited, so a recovery or a lost membership replaces the buttons
// with the outcome. The member's name appears only when the alert channel is the staff channel (as churn alerts);
// elsewhere a button shows it privately to an admin.
import { findRescue, type RescueView } from '../../core/rescue/index.ts';
import type { Tenant } from '../../core/tenancy/index.ts';
import { answer, data, type Answer, type AnswerComponent, type AnswerField } from '../answer.ts';
import { rescueActionId } from '../parts/action-ids.ts';
import { memberName } from '../parts/context.ts';
import { instantLabel, money } from '../parts/format.ts';
import type { BotDeps } from '../deps.ts';

/** Longest failure reason shown (Whop's text, escaped). */
const REASON_MAX = 200;

export function rescueShowsNames(tenant: Tenant): boolean {
  const { link } = tenant;
  return link.alertChannelId !== null && link.alertChannelId === link.staffChannelId;
}

const planName = (r: RescueView) => (r.planTitle?.trim() ? data(r.planTitle) : 'an unnamed plan');

function title(r: RescueView, showNames: boolean, currency: string): string {
  const who = showNames ? memberName({ name: r.memberName, username: r.memberUsername }) : `a member on ${planName(r)}`;
  const stake = r.mrrMinor === null ? money(r.amountMinor, r.currency) : `${money(r.mrrMinor, currency)} MRR`;
  if (r.outcome === 'recovered') return `Recovered: ${who} paid (${stake} kept)`;
  if (r.outcome === 'lost') return `Lost to a failed payment: ${who} (${stake})`;
  return `Failed payment: ${who} (${stake} at stake)`;
}

/** What Whop does next, as far as the payment says: its next scheduled attempt, else that it retries by itself. */
export function retryText(r: RescueView, now: Date, timeZone: string): string {
  if (r.nextAttemptAt && r.nextAttemptAt > now)
    return `Whop retries automatically on ${instantLabel(r.nextAttemptAt, timeZone)}`;
  const last = r.lastAttemptAt ? `; last attempt ${instantLabel(r.lastAttemptAt, timeZone)}` : '';
  return `Whop retries failed renewals automatically; it has not announced the next attempt${last}`;
}

function outcomeText(r: RescueView, timeZone: string): string {
  const at = r.outcomeAt ? instantLabel(r.outcomeAt, timeZone) : 'just now';
  if (r.outcome === 'recovered') return `Recovered: paid on ${at}.`;
  if (r.outcome === 'lost')
    return `Lost: ${r.outcomeAt && r.outcomeAt.getTime() === r.startedAt.getTime() + 720 * 3_600_000 ? 'still unpaid 30 days after the first failure' : 'the membership ended'} (${at}).`;
  return '';
}

function statusText(r: RescueView, now: Date, timeZone: string): string {
  const done = [
    r.contactedAt ? `contacted ${instantLabel(r.contactedAt, timeZone)}` : null,
    r.resolvedAt ? `resolved ${instantLabel(r.resolvedAt, timeZone)}` : null,
    r.snoozedUntil && r.snoozedUntil > now ? `snoozed until ${instantLabel(r.snoozedUntil, timeZone)}` : null,
  ].filter((s): s is string => s !== null);
  return done.length ? done.join('; ') : 'open: nobody has followed up yet';
}

/** Snoozing waits for Whop's next attempt (and an hour for its outcome) when one is announced, else 3 days. */
export function snoozeUntil(r: RescueView, now: Date): Date {
  return r.nextAttemptAt && r.nextAttemptAt > now
    ? new Date(r.nextAttemptAt.getTime() + 3_600_000)
    : new Date(now.getTime() + 3 * 86_400_000);
}

function buttons(r: RescueView, showNames: boolean, now: Date): AnswerComponent[][] {
  if (r.outcome !== 'open') return [];
  const row: AnswerComponent[] = [
    { type: 'button', id: rescueActionId('contacted', r.id), label: 'Mark contacted', style: 'success' },
    { type: 'button', id: rescueActionId('resolved', r.id), label: 'Resolved', style: 'primary' },
    {
      type: 'button',
      id: rescueActionId('snooze', r.id),
      label: r.nextAttemptAt && r.nextAttemptAt > now ? 'Snooze until the retry' : 'Snooze 3 d',
      style: 'secondary',
    },
  ];
  if (!showNames)
    row.push({ type: 'button', id: rescueActionId('member', r.id), label: 'Show the member', style: 'secondary' });
  return [row];
}

/** The alert for one episode of this company (a row of another company reads as not found). */
export async function buildPaymentAlert(deps: BotDeps, tenant: Tenant, rescueId: number): Promise<Answer> {
  const { company } = tenant;
  const r = await findRescue(deps.db, company.id, rescueId);
  if (!r)
    return answer({
      title: 'No such payment alert',
      summary: 'This alert does not belong to this company.',
      tone: 'neutral',
    });
  const now = deps.now();
  const tz = company.timeZone;
  const showNames = rescueShowsNames(tenant);
  const fields: AnswerField[] = [
    { label: 'Amount', value: money(r.amountMinor, r.currency), inline: true },
    { label: 'Plan', value: planName(r), inline: true },
    {
      label: 'MRR at stake',
      inline: true,
      value:
        r.mrrMinor === null
          ? `— (charged in ${data(r.currency.toUpperCase())}; MRR counts ${data(company.currency.toUpperCase())} only)`
          : money(r.mrrMinor, company.currency),
    },
    { label: 'Failed attempts', value: `${r.attempts} since ${instantLabel(r.startedAt, tz)}`, inline: true },
  ];
  if (r.outcome === 'open') fields.push({ label: 'Retry', value: retryText(r, now, tz) });
  if (r.failureMessage?.trim()) fields.push({ label: 'Reason given', value: data(r.failureMessage, REASON_MAX) });
  fields.push({ label: 'Follow-up', value: statusText(r, now, tz) });
  return answer({
    title: title(r, showNames, company.currency),
    summary:
      r.outcome === 'open'
        ? `A renewal failed. Ask ${showNames ? 'them' : 'the member'} to update their payment method before Whop gives up; the alert turns to "recovered" by itself when they pay.`
        : outcomeText(r, tz),
    tone: r.outcome === 'open' ? 'bad' : r.outcome === 'recovered' ? 'good' : 'warning',
    fields,
    components: buttons(r, showNames, now),
    memberLevel: showNames,
    footer: { period: `first failed ${instantLabel(r.startedAt, tz)}` },
  });
}

/** The member behind an alert, privately, for an admin who pressed "Show the member". */
export function rescueMemberAnswer(r: RescueView, timeZone: string): Answer {
  return answer({
    title: `Failed payment: ${memberName({ name: r.memberName, username: r.memberUsername })}`,
    summary: `On ${planName(r)}, ${money(r.amountMinor, r.currency)}, first failed ${instantLabel(r.startedAt, timeZone)}.`,
    fields: [
      { label: 'Whop user', value: r.whopUserId ? `\`${data(r.whopUserId)}\`` : '—', inline: true },
      { label: 'Membership', value: `\`${data(r.membershipWhopId)}\``, inline: true },
    ],
    tone: 'info',
    visibility: 'ephemeral',
    memberLevel: true,
  });
}
