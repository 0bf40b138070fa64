// The observability plugin and logger options on the real route plugins (health, Whop webhooks) and a real
// database: request ids (honoured when well-formed, echoed, in every log line), redacted logs with long strings
// cut, and the HTTP latency histogram labelled by route pattern (read from the metrics app).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../core/config.ts';
import { registerErrorHandler } from '../../server/errors.ts';
import { healthRoutes } from '../../server/routes/health.ts';
import { whopWebhookRoutes } from '../../server/routes/webhooks.ts';
import {
  buildMetricsApp,
  countDelivery,
  loggerOptions,
  observability,
  observabilityServerOptions,
  observeJob,
} from '../../server/observability/index.ts';
import { makeEnvelope, signedHeaders } from '../../demo/fake-whop/webhook-sender.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { sample } from './prometheus-text.ts';

const SECRET = 'ws_0b5e55ed0b5e55ed0b5e55ed0b5e55ed';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('observability plugin', () => {
  let db: TestPool;
  let app: FastifyInstance;
  let metricsApp: FastifyInstance;
  const lines: string[] = [];
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    db = await withPool();
    const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40), WHOP_WEBHOOK_SECRET: SECRET });
    app = Fastify(
      observabilityServerOptions(
        'info',
        loggerOptions('info', {
          write: (l) => {
            lines.push(l);
          },
        }),
      ),
    );
    registerErrorHandler(app);
    await app.register(observability);
    await app.register(healthRoutes, { db: db.pool });
    await app.register(whopWebhookRoutes, { config, db: db.pool });
    metricsApp = buildMetricsApp(db.pool);
  });
  afterAll(async () => {
    await app?.close();
    await metricsApp?.close();
    // The routes used the ORM's pg pool directly: close it too, or the database drop waits for its connections.
    if (db) await db.pool.end();
    await db?.drop();
  });

  const metrics = async () => (await metricsApp.inject({ method: 'GET', url: '/metrics' })).body;

  it('honours a well-formed x-request-id, echoes it and logs every line of the request with it', async () => {
    const r = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'edge-7f3a.01' } });
    expect(r.headers['x-request-id']).toBe('edge-7f3a.01');
    const mine = logs().filter((l) => l.reqId === 'edge-7f3a.01');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it("replaces a malformed id with a fresh UUID, and takes fly.io's request id when there is no x-request-id", async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'has space "and quotes"' },
    });
    expect(bad.headers['x-request-id']).toMatch(uuid);
    const long = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a'.repeat(65) } });
    expect(long.headers['x-request-id']).toMatch(uuid);
    const fly = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'fly-request-id': '01JFLY0000REQ-iad' },
    });
    expect(fly.headers['x-request-id']).toBe('01JFLY0000REQ-iad');
    const plain = await app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['x-request-id']).toMatch(uuid);
    expect(plain.headers['x-request-id']).not.toBe(bad.headers['x-request-id']);
  });

  it('logs report URLs without their token, and no secret or email from any log call', async () => {
    await app.inject({ method: 'GET', url: '/r/rpt_Zm9vYmFyYmF6.csv?download=1' });
    app.log.info(
      {
        interaction: { id: '1234567890', token: 'aW50ZXJhY3Rpb246c2VjcmV0', data: { name: 'pulse' } },
        slack: { response_url: 'https://hooks.slack.com/commands/T1/2/3xyz' },
        member: { name: 'Ann Lee', email: 'ann@example.com' },
        err: new Error('OpenAI said 401 for key sk-live-0123456789abcdefXYZ'),
      },
      'answered ann@example.com via https://discord.com/api/v10/webhooks/111111111111111111/aW50ZXJhY3Rpb246c2VjcmV0/messages/@original',
    );
    const text = lines.join('');
    for (const secret of [
      'rpt_Zm9vYmFyYmF6',
      'aW50ZXJhY3Rpb246c2VjcmV0',
      'hooks.slack.com/commands',
      'ann@example.com',
      'sk-live-0123456789abcdefXYZ',
    ]) {
      expect(text).not.toContain(secret);
    }
    const incoming = logs().find(
      (l) => l.msg === 'incoming request' && String((l.req as { url: string }).url).startsWith('/r/'),
    );
    expect((incoming!.req as { url: string }).url).toBe('/r/[redacted].csv?download=1');
    const line = logs().find((l) => String(l.msg).startsWith('answered'))!;
    expect(line.msg).toBe(
      'answered [email] via https://discord.com/api/v10/webhooks/111111111111111111/[redacted]/messages/@original',
    );
    expect(line.member).toEqual({ name: 'Ann Lee', email: '[redacted]' });
    expect((line.err as { message: string }).message).toBe('OpenAI said 401 for key [redacted]');
  });

  it('logs a 15,000-character request URL cut to 2,000 characters, in every line of that request', async () => {
    const url = `/${'a'.repeat(14_997)}@a`;
    const r = await app.inject({ method: 'GET', url, headers: { 'x-request-id': 'long-url-1' } });
    expect(r.statusCode).toBe(404);
    const mine = logs().filter((l) => l.reqId === 'long-url-1');
    const incoming = mine.find((l) => l.msg === 'incoming request')!;
    expect((incoming.req as { url: string }).url).toBe(`${url.slice(0, 2000)}…[cut 13000]`);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const l of mine) expect(JSON.stringify(l).length).toBeLessThan(2 * 2000 + 500);
  });

  it('times requests by route pattern, method and status class; 404s as one "unmatched" route', async () => {
    const before = await metrics();
    const count = (text: string, labels: Record<string, string>) =>
      sample(text, 'pulse_http_request_duration_seconds_count', labels) ?? 0;
    const body = JSON.stringify(makeEnvelope('membership.activated', { id: 'mem_x' }, 'biz_nobody'));
    const headers = signedHeaders(SECRET, 'msg_ops_1', Math.floor(Date.now() / 1000), body);
    expect((await app.inject({ method: 'POST', url: '/webhooks/whop', headers, payload: body })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/webhooks/whop',
          headers: { ...headers, 'webhook-signature': 'v1,AAAA' },
          payload: body,
        })
      ).statusCode,
    ).toBe(401);
    await app.inject({ method: 'GET', url: '/nope/1' });
    await app.inject({ method: 'GET', url: '/nope/2' });
    const after = await metrics();
    const webhook2xx = { route: '/webhooks/whop', method: 'POST', status_class: '2xx' };
    expect(count(after, webhook2xx) - count(before, webhook2xx)).toBe(1);
    expect(
      count(after, { ...webhook2xx, status_class: '4xx' }) - count(before, { ...webhook2xx, status_class: '4xx' }),
    ).toBe(1);
    expect(
      count(after, { route: 'unmatched', method: 'GET', status_class: '4xx' }) -
        count(before, { route: 'unmatched', method: 'GET', status_class: '4xx' }),
    ).toBe(2);
    expect(after).not.toContain('/nope/');
  });

  it('exposes job durations and failures, and deliveries, as the jobs report them', async () => {
    observeJob('ops:test-job', 1500, true);
    observeJob('ops:test-job', 250, false);
    countDelivery('slack', 'daily_digest', 'posted');
    countDelivery('slack', 'daily_digest', 'posted');
    countDelivery('discord', 'churn_alert', 'failed');
    const text = await metrics();
    expect(sample(text, 'pulse_job_duration_seconds_count', { job: 'ops:test-job', outcome: 'success' })).toBe(1);
    expect(sample(text, 'pulse_job_duration_seconds_sum', { job: 'ops:test-job', outcome: 'success' })).toBe(1.5);
    expect(
      sample(text, 'pulse_job_duration_seconds_bucket', { job: 'ops:test-job', outcome: 'failure', le: '0.5' }),
    ).toBe(1);
    expect(sample(text, 'pulse_job_failures_total', { job: 'ops:test-job' })).toBe(1);
    expect(sample(text, 'pulse_deliveries_total', { platform: 'slack', kind: 'daily_digest', outcome: 'posted' })).toBe(
      2,
    );
    expect(
      sample(text, 'pulse_deliveries_total', { platform: 'discord', kind: 'churn_alert', outcome: 'failed' }),
    ).toBe(1);
  });
});
