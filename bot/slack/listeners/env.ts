// What every Slack listener reaches: the bot's services (database, clock, config), the actor directory, the
// log, and the one error path for anything thrown after the ack (a short answer with a reference id; the
// detail goes to the log under the same id).
import { randomBytes } from 'node:crypto';
import { answer, type Answer } from '../../answer.ts';
import type { BotDeps, BotLogger } from '../../deps.ts';
import type { SlackActors } from '../actor.ts';

export interface SlackEnv {
  deps: BotDeps;
  actors: SlackActors;
  log: BotLogger;
}

export async function guarded(
  env: SlackEnv,
  where: { listener: string; teamId?: string; userId?: string; requestId?: string },
  work: () => Promise<void>,
  tell?: (a: Answer) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    // The HTTP request id when there is one (Socket Mode has none): the same id is on the request's log lines.
    const reference = where.requestId ?? randomBytes(3).toString('hex');
    env.log.error(
      { reference, ...where, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
      'slack listener failed',
    );
    if (!tell) return;
    const sorry = answer({
      title: 'Something went wrong',
      summary: `Pulse hit a problem answering that. Please try again in a minute; if it keeps happening, give this reference to support: \`${reference}\`.`,
      tone: 'bad',
      visibility: 'ephemeral',
      reference,
    });
    await tell(sorry).catch((e: unknown) =>
      env.log.warn({ reference, err: e instanceof Error ? e.message : String(e) }, 'slack error answer not delivered'),
    );
  }
}

/** The HTTP request id the receiver put in Bolt's context (absent in Socket Mode). */
export function requestIdOf(context: Record<string, unknown>): string | undefined {
  return typeof context.requestId === 'string' ? context.requestId : undefined;
}
