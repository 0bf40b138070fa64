// The public endpoints' per-address limits on the real app: the request past the limit gets 429 in the onRequest
// stage (before its body is read: an oversized body still gets 429, not 413; and before its signature is checked:
// no "refused" log line for it), each endpoint group and each address counted apart. Which address is the
// client's follows TRUST_PROXY: forwarded headers count only when it says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { TrustProxyError } from '../../server/edge/client-address.ts';
import type { EdgeGroup, EdgeLimit } from '../../server/edge/rate-limits.ts';
import { loggerOptions } from '../../server/observability/index.ts';
import { makeEnvelope, signedHeaders } from '../../demo/fake-whop/webhook-sender.ts';
import { testDiscordKeys } from '../fakes/discord/keys.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { sample } from './prometheus-text.ts';

const SECRET = 'ws_ed9e0ed9e0ed9e0ed9e0ed9e0ed9e0ed';
const HOUR = 3_600_000;

describe('edge rate limits', () => {
  let db: TestPool;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    db = await withPool();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    if (db) await db.pool.end();
    await db?.drop();
  });

  async function edgeApp(
    env: Record<string, string>,
    limits: Partial<Record<EdgeGroup, EdgeLimit>>,
    lines: string[] = [],
  ) {
    const config = loadConfig({
      DATABASE_URL: db.url,
      PULSE_SECRET: 's'.repeat(40),
      WHOP_WEBHOOK_SECRET: SECRET,
      ...env,
    });
    const app = await buildApp({
      config,
      db: db.pool,
      rateLimits: limits,
      logger: loggerOptions('info', {
        write: (l) => {
          lines.push(l);
        },
      }),
    });
    apps.push(app);
    return app;
  }

  /** A webhook with a wrong signature: 401 once it reaches the signature check. */
  const badWebhook = (remoteAddress: string, headers: Record<string, string> = {}, padding = 0): InjectOptions => {
    const body = JSON.stringify(
      makeEnvelope('membership.activated', { id: 'mem_edge', padding: 'x'.repeat(padding) }, 'biz_edge'),
    );
    const signed = signedHeaders(SECRET, 'msg_edge', Math.floor(Date.now() / 1000), body);
    return {
      method: 'POST',
      url: '/webhooks/whop',
      remoteAddress,
      headers: { ...signed, 'webhook-signature': 'v1,AAAA', ...headers },
      payload: body,
    };
  };
  const statuses = async (app: FastifyInstance, requests: InjectOptions[]) => {
    const out: number[] = [];
    for (const r of requests) out.push((await app.inject(r)).statusCode);
    return out;
  };
  const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

  it('refuses the request past the limit with 429 before reading its body or checking its signature', async () => {
    const lines: string[] = [];
    const app = await edgeApp({}, { whop: { max: 5, timeWindowMs: HOUR } }, lines);
    const refusedLogs = () => lines.filter((l) => l.includes('"msg":"whop webhook refused"')).length;
    const limitedBefore =
      sample((await app.metricsApp.inject({ method: 'GET', url: '/metrics' })).body, 'pulse_http_rate_limited_total', {
        group: 'whop',
      }) ?? 0;

    expect(
      await statuses(
        app,
        times(5, () => badWebhook('203.0.113.5')),
      ),
    ).toEqual([401, 401, 401, 401, 401]);
    expect(refusedLogs()).toBe(5);
    const sixth = await app.inject(badWebhook('203.0.113.5'));
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.json().error).toMatch(/^Too many requests/);
    // 300 KiB is over the webhook body limit (413 once read): 429 says the body was never read.
    expect((await app.inject(badWebhook('203.0.113.5', {}, 300 * 1024))).statusCode).toBe(429);
    expect(refusedLogs()).toBe(5);
    // Another address has its own count, and its oversized body is read and refused as such.
    expect((await app.inject(badWebhook('203.0.113.6'))).statusCode).toBe(401);
    expect((await app.inject(badWebhook('203.0.113.6', {}, 300 * 1024))).statusCode).toBe(413);
    const limitedAfter = sample(
      (await app.metricsApp.inject({ method: 'GET', url: '/metrics' })).body,
      'pulse_http_rate_limited_total',
      { group: 'whop' },
    );
    expect(limitedAfter! - limitedBefore).toBe(2);
  });

  it('limits Discord interactions, Slack events and report pages too, each group with its own count', async () => {
    const { publicKeyHex } = testDiscordKeys();
    const app = await edgeApp(
      { DISCORD_PUBLIC_KEY: publicKeyHex },
      {
        whop: { max: 1, timeWindowMs: HOUR },
        discord: { max: 2, timeWindowMs: HOUR },
        slack: { max: 2, timeWindowMs: HOUR },
        reports: { max: 2, timeWindowMs: HOUR },
      },
    );
    const from = '198.51.100.20';
    const discord = (size: number, remoteAddress = from): InjectOptions => ({
      method: 'POST',
      url: '/discord/interactions',
      remoteAddress,
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(size),
    });
    const slack = (size: number, remoteAddress = from): InjectOptions => ({
      method: 'POST',
      url: '/slack/events',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'x'.repeat(size),
    });
    const report: InjectOptions = { method: 'GET', url: '/r/v1.nosuchtoken', remoteAddress: from };

    expect(await statuses(app, [badWebhook(from), badWebhook(from)])).toEqual([401, 429]);
    // Discord: 401 (no signature) twice, then 429 even for a body over its 256 KiB limit.
    expect(await statuses(app, [discord(10), discord(10), discord(10), discord(300 * 1024)])).toEqual([
      401, 401, 429, 429,
    ]);
    // Slack (not configured here: 503) the same way, past its 512 KiB limit.
    expect(await statuses(app, [slack(10), slack(10), slack(10), slack(600 * 1024)])).toEqual([503, 503, 429, 429]);
    expect(await statuses(app, [report, report, report])).toEqual([404, 404, 429]);
    // From an address with requests left, the same oversized bodies are read and refused for their size.
    expect(await statuses(app, [discord(300 * 1024, '198.51.100.21'), slack(600 * 1024, '198.51.100.21')])).toEqual([
      413, 413,
    ]);
    // Health checks are never limited.
    expect(
      await statuses(
        app,
        times(4, () => ({ method: 'GET', url: '/healthz', remoteAddress: from }) as InjectOptions),
      ),
    ).toEqual([200, 200, 200, 200]);
  });

  it('without TRUST_PROXY ignores X-Forwarded-For and Fly-Client-IP: a client cannot pick its own address', async () => {
    const app = await edgeApp({}, { whop: { max: 3, timeWindowMs: HOUR } });
    const spoofed = times(4, (i) =>
      badWebhook('198.51.100.1', { 'x-forwarded-for': `192.0.2.${i + 1}`, 'fly-client-ip': `192.0.2.${i + 1}` }),
    );
    expect(await statuses(app, spoofed)).toEqual([401, 401, 401, 429]);
  });

  it('with TRUST_PROXY=true takes the client from X-Forwarded-For', async () => {
    const app = await edgeApp({ TRUST_PROXY: 'true' }, { whop: { max: 3, timeWindowMs: HOUR } });
    expect(
      await statuses(
        app,
        times(5, (i) => badWebhook('10.0.0.1', { 'x-forwarded-for': `192.0.2.${i + 1}` })),
      ),
    ).toEqual([401, 401, 401, 401, 401]);
    expect(
      await statuses(
        app,
        times(4, (i) => badWebhook(`10.0.0.${i + 2}`, { 'x-forwarded-for': '192.0.2.99' })),
      ),
    ).toEqual([401, 401, 401, 429]);
  });

  it('with a list of proxies honours X-Forwarded-For only on connections from them', async () => {
    const app = await edgeApp({ TRUST_PROXY: '10.0.0.0/8, 2001:db8::1' }, { whop: { max: 3, timeWindowMs: HOUR } });
    expect(
      await statuses(
        app,
        times(4, (i) => badWebhook('10.1.2.3', { 'x-forwarded-for': `192.0.2.${i + 1}` })),
      ),
    ).toEqual([401, 401, 401, 401]);
    expect(
      await statuses(
        app,
        times(4, (i) => badWebhook('198.51.100.9', { 'x-forwarded-for': `192.0.2.${i + 1}` })),
      ),
    ).toEqual([401, 401, 401, 429]);
  });

  it('with TRUST_PROXY=fly takes the client from Fly-Client-IP, never from X-Forwarded-For', async () => {
    const app = await edgeApp({ TRUST_PROXY: 'fly' }, { whop: { max: 3, timeWindowMs: HOUR } });
    const edge = '172.16.5.2';
    expect(
      await statuses(
        app,
        times(4, (i) => badWebhook(edge, { 'fly-client-ip': `192.0.2.${i + 1}` })),
      ),
    ).toEqual([401, 401, 401, 401]);
    expect(
      await statuses(
        app,
        times(4, (i) => badWebhook(edge, { 'fly-client-ip': '192.0.2.50', 'x-forwarded-for': `203.0.113.${i + 1}` })),
      ),
    ).toEqual([401, 401, 401, 429]);
  });

  it('never limits the machine itself (loopback: benches, a local proxy not yet declared in TRUST_PROXY)', async () => {
    const app = await edgeApp({}, { whop: { max: 1, timeWindowMs: HOUR } });
    expect(
      await statuses(app, [badWebhook('127.0.0.1'), badWebhook('127.0.0.1'), badWebhook('::1'), badWebhook('::1')]),
    ).toEqual([401, 401, 401, 401]);
  });

  it('refuses a TRUST_PROXY it cannot read, naming the bad entry', async () => {
    const config = loadConfig({
      DATABASE_URL: db.url,
      PULSE_SECRET: 's'.repeat(40),
      TRUST_PROXY: '10.0.0.0/8,proxy.internal',
    });
    const err = await buildApp({ config, db: db.pool, logger: false }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TrustProxyError);
    expect((err as Error).message).toBe(
      'TRUST_PROXY: "proxy.internal" is not fly, true, false or an address/CIDR list',
    );
  });
});
