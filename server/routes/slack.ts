// POST /slack/events: slash commands, interactivity (buttons, selects, modal submissions) and Events API
// callbacks, all at one URL. The body stays raw (the signature covers its exact bytes) and goes to the Bolt
// app's receiver, which verifies it (401 for a bad signature or a timestamp more than 5 minutes off either way),
// answers url_verification, drops a replayed request (same signature and timestamp) with an empty 200, and
// returns whatever the listener acked; the real answer follows via the Web API.
// Each request is answered with its workspace's own bot token (installations, or SLACK_BOT_TOKEN alone for a
// single workspace). 503 when SLACK_SIGNING_SECRET is unset, or neither OAuth nor SLACK_BOT_TOKEN is.
import type { FastifyPluginAsync } from 'fastify';
import { createSlackHttpApp } from '../../bot/slack/app.ts';
import { firstSighting, replayExpiry } from '../../core/chat/request-replays.repository.ts';
import { SlackTokens, slackTokenMode } from '../../bot/slack/oauth/tokens.ts';
import type { SharedDeps } from '../bot-deps.ts';

const SLACK_BODY_LIMIT = 512 * 1024;

export const slackRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: apiUrl } = shared.config;
  const mode = slackTokenMode(shared.config);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: SLACK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  if (!signingSecret || !mode) {
    const missing = signingSecret
      ? 'SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, or SLACK_BOT_TOKEN'
      : 'SLACK_SIGNING_SECRET';
    app.post('/slack/events', async (_req, reply) =>
      reply.status(503).send({ error: `Slack is not configured (${missing})`, statusCode: 503 }),
    );
    return;
  }

  const tokens = SlackTokens.fromConfig(shared.config, shared.db, app.log);
  const { receiver } = createSlackHttpApp(shared, {
    signingSecret,
    tokens,
    log: app.log,
    ...(apiUrl ? { apiUrl } : {}),
  });
  // A signed request sent again inside its window runs once, whichever web machine receives it.
  receiver.guardReplays((key, signedAtMs) => firstSighting(shared.db, key, replayExpiry(signedAtMs)));
  // Answers already acknowledged finish before the database pool closes.
  app.addHook('onClose', () => receiver.drained());

  app.post('/slack/events', { bodyLimit: SLACK_BODY_LIMIT }, async (req, reply) => {
    const res = await receiver.handle({
      rawBody: typeof req.body === 'string' ? req.body : '',
      headers: req.headers,
      requestId: req.id,
    });
    reply.status(res.status);
    if (res.contentType) reply.type(res.contentType);
    return reply.send(res.body);
  });
};
