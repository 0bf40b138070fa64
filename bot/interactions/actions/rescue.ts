// The buttons of a failed-payment alert: Mark contacted, Resolved, Snooze (until Whop's next attempt, else 3
// days) and, outside the staff channel, Show the member. Admins only: the alert is about a member's payment. The
// episode is looked up within this workspace's company only (another company's id is refused, nothing written);
// each action is stored with who pressed it and when, and the alert is redrawn in place with it (the other
// destinations' copies are edited by the rescue scan).
import { findRescue, recordRescueAction } from '../../../core/rescue/index.ts';
import { accessLevel, actorRef, type Actor, type Tenant } from '../../../core/tenancy/index.ts';
import { answer, type Answer } from '../../answer.ts';
import { buildPaymentAlert, rescueMemberAnswer, snoozeUntil } from '../../messages/payment-alert.ts';
import type { RescueAction } from '../../parts/action-ids.ts';
import type { BotDeps } from '../../deps.ts';

type Click = { answer: Answer; mode: 'update' | 'reply' };

const reply = (a: Answer): Click => ({ answer: a, mode: 'reply' });
const note = (title: string, summary: string, tone: Answer['tone'] = 'info') =>
  reply(answer({ title, summary, tone, visibility: 'ephemeral' }));

export async function rescueClick(
  deps: BotDeps,
  tenant: Tenant,
  actor: Actor,
  action: RescueAction,
  rescueId: number,
): Promise<Click> {
  if (accessLevel(tenant.link, actor) !== 'admin')
    return note('Admins only', 'Only server or workspace admins can act on failed-payment alerts.', 'warning');
  const { company } = tenant;
  const r = await findRescue(deps.db, company.id, rescueId);
  if (!r) return note('Not available here', "That alert does not belong to this workspace's company.", 'warning');
  if (action === 'member') return reply(rescueMemberAnswer(r, company.timeZone));
  if (r.outcome !== 'open') return { answer: await buildPaymentAlert(deps, tenant, rescueId), mode: 'update' };
  const now = deps.now();
  const changed = await recordRescueAction(deps.db, company.id, rescueId, {
    action,
    by: actorRef(actor),
    at: now,
    until: action === 'snooze' ? snoozeUntil(r, now) : undefined,
  });
  if (!changed)
    return note('Nothing to change', `This alert is already marked ${action === 'snooze' ? 'snoozed' : action}.`);
  return { answer: await buildPaymentAlert(deps, tenant, rescueId), mode: 'update' };
}
