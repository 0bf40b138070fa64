// POST /webhooks/whop: verify (Standard Webhooks via the SDK) on the raw body, store in the inbox, apply (events
// arriving together are written together: core/whop/webhook-batch.ts).
// 401 bad or missing signature / timestamp outside 5 minutes, 400 malformed body, 413 over the limit; nothing is
// stored for any of them. A redelivery answers 200 and is not applied twice.
import type { FastifyPluginAsync } from 'fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../core/config.ts';
import { createWhopClient } from '../../core/whop/client.ts';
import { poolOf } from '../../core/whop/db.ts';
import { WebhookIngestor } from '../../core/whop/webhook-ingestor.ts';
import { verifyWhopWebhook } from '../../core/whop/webhook-verify.ts';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export const whopWebhookRoutes: FastifyPluginAsync<{ config: Config; orm: MikroORM }> = async (app, { config, orm }) => {
  const ingestor = new WebhookIngestor(await poolOf(orm));
  app.addHook('onClose', () => ingestor.drained());
  const secret = config.WHOP_WEBHOOK_SECRET;
  const sdk = secret ? createWhopClient({ apiKey: config.WHOP_API_KEY ?? 'webhooks-only', baseURL: config.WHOP_API_BASE_URL, webhookSecret: secret }) : undefined;

  // The signature covers the exact bytes: this plugin's routes get the body as a string, unparsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/webhooks/whop', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
    if (!sdk) return reply.status(503).send({ error: 'Whop webhooks are not configured (WHOP_WEBHOOK_SECRET)', statusCode: 503 });
    const raw = typeof req.body === 'string' ? req.body : '';
    const verified = verifyWhopWebhook(sdk, raw, req.headers);
    if (!verified.ok) {
      req.log.warn({ reason: verified.reason }, 'whop webhook refused');
      return reply.status(verified.status).send({ error: verified.status === 401 ? 'Invalid webhook signature' : 'Malformed webhook body', statusCode: verified.status });
    }
    const receipt = await ingestor.receive({ webhookId: verified.webhookId, envelope: verified.envelope, raw });
    if (receipt.outcome === 'failed') req.log.error({ webhookId: verified.webhookId, error: receipt.error }, 'whop webhook stored but not applied');
    return reply.status(200).send({ ok: true, outcome: receipt.outcome });
  });
};
