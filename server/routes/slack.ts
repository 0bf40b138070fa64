// POST /slack/events: slash commands, interactivity (buttons, selects, modal submissions) and Events API
// callbacks, all at one URL. The body stays raw (the signature covers its exact bytes) and goes to the Bolt
// app's receiver, which verifies it (401 for a bad signature or a timestamp more than 5 minutes off either way),
// answers url_verification, and returns whatever the listener acked; the real answer follows via the Web API.
// 503 when SLACK_SIGNING_SECRET or SLACK_BOT_TOKEN is unset.
import type { FastifyPluginAsync } from 'fastify';
import { createSlackHttpApp } from '../../bot/slack/app.ts';
import type { SharedDeps } from '../bot-deps.ts';

const SLACK_BODY_LIMIT = 512 * 1024;

export const slackRoutes: FastifyPluginAsync<{ shared: SharedDeps }> = async (app, { shared }) => {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: apiUrl } = shared.config;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: SLACK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  if (!signingSecret || !botToken) {
    const missing = signingSecret ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
    app.post('/slack/events', async (_req, reply) => reply.status(503).send({ error: `Slack is not configured (${missing})`, statusCode: 503 }));
    return;
  }

  const { receiver } = createSlackHttpApp(shared, { signingSecret, botToken, log: app.log, ...(apiUrl ? { apiUrl } : {}) });
  // Answers already acknowledged finish before the database pool closes.
  app.addHook('onClose', () => receiver.drained());

  app.post('/slack/events', { bodyLimit: SLACK_BODY_LIMIT }, async (req, reply) => {
    const res = await receiver.handle({ rawBody: typeof req.body === 'string' ? req.body : '', headers: req.headers, requestId: req.id });
    reply.status(res.status);
    if (res.contentType) reply.type(res.contentType);
    return reply.send(res.body);
  });
};
