// The dispatcher's one error path (docs/style.md#layering): domain errors become friendly answers; anything
// unexpected becomes a short message with a reference — the HTTP request id when there is one — and the full
// error goes to the log under that id. Chat never sees a stack trace, a SQL message or a secret.
import { randomBytes } from 'node:crypto';
import { BadInput, Forbidden, NotFound, NotLinked, TierLimit } from '../../core/errors.ts';
import { answer, type Answer } from '../answer.ts';
import { setupGuidance } from '../parts/setup-guidance.ts';
import { signInConfigured } from '../../core/linking/whop-oauth.ts';
import type { CommandAccess } from '../commands/types.ts';
import type { BotDeps } from '../deps.ts';

/** What the log line may say about the request (never options' secrets: callers drop them). */
interface RequestInfo {
  platform: 'discord' | 'slack';
  workspaceId: string;
  actor: { userId: string; isAdmin: boolean };
  name?: string;
  actionId?: string;
  requestId?: string;
}

export function errorAnswer(deps: BotDeps, err: unknown, req: RequestInfo): Answer {
  if (err instanceof BadInput)
    return answer({ title: 'Pulse could not do that', summary: err.message, tone: 'warning', visibility: 'ephemeral' });
  if (err instanceof TierLimit) {
    return answer({ title: 'Plan limit reached', tone: 'info', visibility: 'ephemeral', notices: [err.message] });
  }
  if (err instanceof NotLinked) return setupGuidance(req.platform, req.actor.isAdmin, signInConfigured(deps.config));
  if (err instanceof NotFound)
    return answer({ title: 'Not found', summary: err.message, tone: 'warning', visibility: 'ephemeral' });
  if (err instanceof Forbidden) return refusalAnswer('granted');
  // The request id when there is one (the same id is on every log line of that request), else a short random one.
  const reference =
    req.requestId && /^[\w.:-]{1,64}$/.test(req.requestId) ? req.requestId : randomBytes(3).toString('hex');
  deps.log.error(
    {
      reference,
      reqId: req.requestId,
      platform: req.platform,
      workspaceId: req.workspaceId,
      userId: req.actor.userId,
      command: req.name,
      actionId: req.actionId,
      err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    },
    'chat request failed',
  );
  return answer({
    title: 'Something went wrong',
    summary: `Pulse hit a problem answering that. Please try again in a minute; if it keeps happening, give this reference to support: \`${reference}\`.`,
    tone: 'bad',
    visibility: 'ephemeral',
    reference,
  });
}

/** An ordinary member (or a non-admin trying setup) gets a polite, private no. */
export function refusalAnswer(required: CommandAccess): Answer {
  return answer({
    title: 'Pulse is for the team',
    summary:
      required === 'admin'
        ? "Only server or workspace admins can change Pulse's setup."
        : "Pulse's numbers are shared with the creator and the people they gave access to. Ask an admin if you think you should have it.",
    tone: 'info',
    visibility: 'ephemeral',
  });
}
