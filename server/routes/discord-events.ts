// POST /discord/events: Discord Webhook Events, verified with Ed25519 like interactions (raw body, the same
// 5-minute window): 401 on a bad signature (Discord sends some on purpose to test it), 400 on a body that is
// not an event, 204 for PING and for every event, at once — the work an event causes (a server reconcile after
// APPLICATION_DEAUTHORIZED, at most one per RECONCILE_GAP_MS) runs after the answer. 503 without DISCORD_PUBLIC_KEY.
import type { FastifyPluginAsync } from 'fastify';
import { reconcileDiscordGuilds } from '../../bot/discord/guild-reconcile.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { discordPublicKey, verifiedDiscordJson } from '../../bot/discord/verify.ts';
import { handleWebhookEvent, webhookEventBody } from '../../bot/discord/webhook-events.ts';
import type { SharedDeps } from '../bot-deps.ts';

const EVENTS_BODY_LIMIT = 64 * 1024;
/** Deauthorizations in a burst share one reconcile. */
export const RECONCILE_GAP_MS = 10 * 60_000;

export const discordEventRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  const { DISCORD_PUBLIC_KEY: hex, DISCORD_TOKEN: token, DISCORD_API_BASE_URL: apiBase } = shared.config;
  const key = hex ? discordPublicKey(hex) : undefined;
  const pending = new Set<Promise<unknown>>();
  let lastReconcile = -Infinity;
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });

  const reconcileSoon = () => {
    if (!token || pending.size > 0 || Date.now() - lastReconcile < RECONCILE_GAP_MS) return;
    lastReconcile = Date.now();
    const run = reconcileDiscordGuilds(shared, discordRest({ token, apiBase }))
      .then((o) =>
        app.log.info(
          { listed: o.listed, unlinked: o.unlinked.length },
          'discord servers reconciled after a deauthorization',
        ),
      )
      .catch((err: unknown) =>
        app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'discord servers not reconciled'),
      )
      .finally(() => pending.delete(run));
    pending.add(run);
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: EVENTS_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/discord/events', { bodyLimit: EVENTS_BODY_LIMIT }, async (req, reply) => {
    if (!key)
      return reply
        .status(503)
        .send({ error: 'Discord events are not configured (DISCORD_PUBLIC_KEY)', statusCode: 503 });
    const raw = typeof req.body === 'string' ? req.body : '';
    const signed = verifiedDiscordJson(key, req.headers, raw);
    if (!signed.ok) {
      req.log.warn({ reason: signed.reason }, 'discord webhook event refused');
      return reply.status(401).send({ error: 'Invalid request signature', statusCode: 401 });
    }
    const body = webhookEventBody.safeParse(signed.json);
    if (!body.success) return reply.status(400).send({ error: 'Not a Discord webhook event', statusCode: 400 });
    handleWebhookEvent(body.data, req.log, { reconcileSoon });
    return reply.status(204).send();
  });
};
