// POST /webhooks/whop: verify (Standard Webhooks, core/whop/webhook-verify.ts) on the raw body, store in the inbox, apply (events
// arriving together are written together: core/whop/webhook-batch.ts).
// 401 bad or missing signature / timestamp outside 5 minutes, 400 malformed body, 413 over the limit, 503 with
// Retry-After when the ingestor already holds as much as it may (Whop delivers again later); nothing is stored for
// any of them. A redelivery answers 200 and is not applied twice.
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Pool } from '../../core/db/queryable.ts';
import { IngestorFull, WebhookIngestor, type IngestorOptions } from '../../core/whop/webhook-ingestor.ts';
import { verifyWhopWebhook, webhookKey } from '../../core/whop/webhook-verify.ts';
import { appEventRoute } from './whop-app-events.ts';

/** Whop's events are a few KB; every body being read is held whole (the signature covers its bytes). */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

/** Seconds a refused sender is asked to wait when the ingestor is full. */
export const WEBHOOK_RETRY_AFTER_S = 10;

export interface WhopWebhookRouteOptions {
  config: Config;
  db: Pool;
  /** The ingestor's connections (openIngestPool); default `db`. */
  ingestDb?: Pool | undefined;
  /** Batching and the bounds of what waits to be written (core/whop/webhook-ingestor.ts defaults). */
  ingestor?: IngestorOptions;
}

export const whopWebhookRoutes: FastifyPluginAsync<WhopWebhookRouteOptions> = async (
  app,
  { config, db, ingestDb, ingestor: limits },
) => {
  const ingestor = new WebhookIngestor(ingestDb ?? db, limits);
  app.addHook('onClose', () => ingestor.drained());
  // Pulse's own app events (installs, tier memberships) apply whether or not the company exists yet.
  const appEvents = appEventRoute(config, db);
  app.addHook('onClose', () => appEvents.close());
  const secret = config.WHOP_WEBHOOK_SECRET;
  const key = secret ? webhookKey(secret) : undefined;

  // The signature covers the exact bytes: this plugin's routes get the body as a string, unparsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/webhooks/whop', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
    if (!key)
      return reply
        .status(503)
        .send({ error: 'Whop webhooks are not configured (WHOP_WEBHOOK_SECRET)', statusCode: 503 });
    const raw = typeof req.body === 'string' ? req.body : '';
    const verified = verifyWhopWebhook(key, raw, req.headers);
    if (!verified.ok) {
      req.log.warn({ reason: verified.reason }, 'whop webhook refused');
      return reply.status(verified.status).send({
        error: verified.status === 401 ? 'Invalid webhook signature' : 'Malformed webhook body',
        statusCode: verified.status,
      });
    }
    if (appEvents.handles(verified.envelope)) {
      const r = await appEvents.receive(verified.webhookId, verified.envelope, raw, req.log);
      return reply.status(r.status).send({ ok: r.status === 200, outcome: r.outcome });
    }
    let receipt;
    try {
      receipt = await ingestor.receive({ webhookId: verified.webhookId, envelope: verified.envelope, raw });
    } catch (err) {
      if (!(err instanceof IngestorFull)) throw err;
      req.log.warn({ webhookId: verified.webhookId, pending: ingestor.pending }, 'whop webhook refused: ingestor full');
      return reply
        .status(503)
        .header('retry-after', String(WEBHOOK_RETRY_AFTER_S))
        .send({ error: 'Busy: deliver again later', statusCode: 503 });
    }
    if (receipt.outcome === 'failed')
      req.log.error({ webhookId: verified.webhookId, error: receipt.error }, 'whop webhook stored but not applied');
    return reply.status(200).send({ ok: true, outcome: receipt.outcome });
  });
};
