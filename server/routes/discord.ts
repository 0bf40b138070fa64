// POST /discord/interactions: Discord's HTTP interactions. The Ed25519 signature covers the exact bytes, so
// this plugin parses bodies as raw strings. 503 when DISCORD_PUBLIC_KEY is unset, 401 on a missing, stale or
// bad signature, 400 on a body that is not an interaction; PING -> PONG; an interaction id seen before (a
// replay inside the signature window, remembered in PostgreSQL for every web machine) gets a private "already
// handled" and runs nothing; everything else goes to the Discord dispatcher, whose first response is this
// HTTP reply and whose follow-up starts once the reply is sent.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { InteractionType, type APIInteraction } from 'discord.js';
import { firstSighting, replayExpiry } from '../../core/chat/request-replays.repository.ts';
import { DiscordDispatcher } from '../../bot/discord/dispatcher.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { discordPublicKey, verifiedDiscordJson } from '../../bot/discord/verify.ts';
import type { SharedDeps } from '../bot-deps.ts';

export const DISCORD_BODY_LIMIT = 256 * 1024;

export interface DiscordRouteOptions {
  shared: SharedDeps;
  /** Tests and benches may change how long an answer may take before Pulse defers. */
  answerBudgetMs?: number;
}

function isInteraction(body: unknown): body is APIInteraction {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.type === 'number' &&
    typeof b.id === 'string' &&
    typeof b.token === 'string' &&
    typeof b.application_id === 'string'
  );
}

export const discordRoutes: FastifyPluginAsync<DiscordRouteOptions> = async (app, { shared, answerBudgetMs }) => {
  const hex = shared.config.DISCORD_PUBLIC_KEY;
  const key = hex ? discordPublicKey(hex) : undefined;
  const dispatcher = new DiscordDispatcher({
    deps: shared,
    rest: discordRest({ token: shared.config.DISCORD_TOKEN, apiBase: shared.config.DISCORD_API_BASE_URL }),
    ...(answerBudgetMs !== undefined ? { answerBudgetMs } : {}),
  });
  const followUps = new WeakMap<FastifyRequest, () => Promise<void>>();
  const pending = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: DISCORD_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/discord/interactions',
    {
      bodyLimit: DISCORD_BODY_LIMIT,
      // The follow-up (deferred answer) may only start once Discord has our first response.
      onResponse: async (req) => {
        const finish = followUps.get(req);
        if (!finish) return;
        const running = finish().finally(() => pending.delete(running));
        pending.add(running);
      },
    },
    async (req, reply) => {
      if (!key)
        return reply
          .status(503)
          .send({ error: 'Discord interactions are not configured (DISCORD_PUBLIC_KEY)', statusCode: 503 });
      const raw = typeof req.body === 'string' ? req.body : '';
      const signed = verifiedDiscordJson(key, req.headers, raw);
      if (!signed.ok) {
        req.log.warn({ reason: signed.reason }, 'discord interaction refused');
        return reply.status(401).send({ error: 'Invalid request signature', statusCode: 401 });
      }
      const body = signed.json;
      if (!isInteraction(body)) return reply.status(400).send({ error: 'Not a Discord interaction', statusCode: 400 });
      // The signature stays valid for minutes: the same interaction sent again is answered, but not run, twice.
      const signedAtMs = Number(req.headers['x-signature-timestamp']) * 1000;
      if (
        body.type !== InteractionType.Ping &&
        !(await firstSighting(shared.db, `discord:${body.id}`, replayExpiry(signedAtMs)))
      ) {
        req.log.warn({ interactionId: body.id }, 'discord interaction replayed');
        return reply.status(200).send(dispatcher.replayed().initial);
      }
      const outcome = await dispatcher.handle(body, { requestId: req.id });
      followUps.set(req, outcome.finish);
      return reply.status(200).send(outcome.initial);
    },
  );
};
