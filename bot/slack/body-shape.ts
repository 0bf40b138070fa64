// What Bolt reads from a request body before any of Pulse's listeners (or Bolt's own error handler) runs: while
// typing the request (App.processEvent → getTypeAndConversation, buildSource) it dereferences the event, the
// user, the channel, the view and the actions list without checking them. Slack always sends these as objects
// (and the actions as a list), and its ids are never names Object.prototype has; a signed body that breaks
// either is malformed, and is answered 400 instead of letting Bolt throw a TypeError that would surface as a
// 500. Checked in Bolt's own order of request kinds.
import { z } from 'zod';

const record = z.record(z.string(), z.unknown());

const eventCallback = z.object({
  event: z.object({
    channel: z.union([z.string(), record]).optional(),
    item: record.optional(),
    subteam: record.optional(),
    user: z.union([z.string(), record]).optional(),
  }),
  authorizations: z.array(record).nullish(),
});

/** Interactivity payloads: the person is always read; a channel, when present, too. */
const interactive = z.object({ user: record, channel: record.optional() });
const actions = interactive.extend({ actions: z.array(z.unknown()).optional() });
const viewAction = interactive.extend({ view: record });

const field = (v: unknown, key: string): unknown =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;

/**
 * Bolt keeps its API clients in a plain object keyed by team or organization id: an id that names something
 * Object.prototype has (`valueOf`, `__proto__`, …) finds a function there and Bolt throws. Slack's ids never do.
 */
function idsAreSafe(body: Record<string, unknown>): boolean {
  const auth = Array.isArray(body.authorizations) ? body.authorizations[0] : undefined;
  const ids = [
    body.team_id,
    body.enterprise_id,
    field(auth, 'team_id'),
    field(auth, 'enterprise_id'),
    field(body.team, 'id'),
    field(body.team, 'enterprise_id'),
    field(body.user, 'team_id'),
    field(body.enterprise, 'id'),
    field(body.view, 'app_installed_team_id'),
  ];
  return ids.every((id) => id === undefined || id === null || !(String(id) in Object.prototype));
}

/** True when Bolt can type this body without throwing (or will ignore it as a kind it does not know). */
export function boltCanRead(body: Record<string, unknown>): boolean {
  if (!idsAreSafe(body)) return false;
  if (body.event !== undefined) return eventCallback.safeParse(body).success;
  if (body.command !== undefined) return true;
  const type = body.type;
  if (body.name !== undefined || type === 'block_suggestion') return interactive.safeParse(body).success;
  if (body.actions !== undefined || type === 'dialog_submission') return actions.safeParse(body).success;
  if (type === 'shortcut' || type === 'message_action') return interactive.safeParse(body).success;
  if (type === 'view_submission' || type === 'view_closed') return viewAction.safeParse(body).success;
  return true;
}
