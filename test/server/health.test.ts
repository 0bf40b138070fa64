// /healthz, /readyz (answered from a check made at most once a second) and /metrics (on its own listener, never the
// public port) on the real app and a real database; start refuses an unmigrated one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../core/config.ts';
import pg from 'pg';
import { openPool, REQUEST_POOL_WARM } from '../../core/db/pool.ts';
import { start } from '../../server/main.ts';
import { createEmptyDatabase, createTestDatabase, withPool, type TestPool } from '../helpers/db.ts';
import { sample } from '../ops/prometheus-text.ts';

const secret = 's'.repeat(40);

describe('health routes', () => {
  let db: TestPool;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await withPool();
    app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: secret }),
      db: db.pool,
      logger: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('healthz answers 200', async () => {
    const r = await app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  it('readyz is ready on a migrated database', async () => {
    const r = await app.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('ready');
  });

  it('metrics speaks Prometheus text on the metrics app, and is no route of the public one', async () => {
    const r = await app.metricsApp.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/^# HELP pulse_process_cpu_user_seconds_total/m);
    const pub = await app.inject({ method: 'GET', url: '/metrics' });
    expect(pub.statusCode).toBe(404);
    expect(pub.json().error).toBe('No route GET /metrics');
  });

  it('unknown routes are a JSON 404', async () => {
    const r = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toBe('No route GET /nope');
  });
});

describe('readiness cache', () => {
  it('checks the database at most once a second, however many probes ask', async () => {
    await using db = await withPool();
    let nowMs = 1_000_000;
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: secret }),
      db: db.pool,
      logger: false,
      readyClock: () => nowMs,
    });
    const checks = async () =>
      sample((await app.metricsApp.inject({ method: 'GET', url: '/metrics' })).body, 'pulse_readiness_checks_total') ??
      0;
    const ready = async () => (await app.inject({ method: 'GET', url: '/readyz' })).json().status;
    try {
      const before = await checks();
      expect(await Promise.all([ready(), ready(), ready()])).toEqual(['ready', 'ready', 'ready']);
      expect(await ready()).toBe('ready');
      expect((await checks()) - before).toBe(1);
      nowMs += 999;
      expect(await ready()).toBe('ready');
      expect((await checks()) - before).toBe(1);
      nowMs += 1;
      expect(await ready()).toBe('ready');
      expect(await ready()).toBe('ready');
      expect((await checks()) - before).toBe(2);
    } finally {
      await app.close();
      await db.pool.end();
    }
  });
});

describe('listeners', () => {
  it('serves /metrics on METRICS_PORT and not on the public port', async () => {
    await using db = await createTestDatabase();
    const server = await start(
      loadConfig({
        DATABASE_URL: db.url,
        PULSE_SECRET: secret,
        PULSE_ROLE: 'web',
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
      }),
    );
    try {
      // A web process opens its kept connections before the first request (REQUEST_POOL_WARM, and the ingestor's 2).
      const probe = new pg.Client({ connectionString: db.url });
      await probe.connect();
      try {
        const { rows } = await probe.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        expect(rows[0]!.n).toBeGreaterThanOrEqual(REQUEST_POOL_WARM + 2);
      } finally {
        await probe.end();
      }
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(server.metricsUrl!).port).not.toBe(new URL(server.url).port);
      const pub = await fetch(`${server.url}/metrics`);
      expect(pub.status).toBe(404);
      await pub.body?.cancel();
      const scrape = await fetch(server.metricsUrl!);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toMatch(/^pulse_database_up 1$/m);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(server.metricsUrl!.replace('/metrics', '/healthz'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('an unmigrated database', () => {
  it('readyz answers 503 with the reason', async () => {
    await using empty = await createEmptyDatabase();
    const db = openPool(empty.url, { timeouts: 'request' });
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: empty.url, PULSE_SECRET: secret }),
      db,
      logger: false,
    });
    try {
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.json().reason).toMatch(/^\d+ pending migrations$/);
    } finally {
      await app.close();
      await db.end();
    }
  });

  it('serve refuses to start, with one clear line', async () => {
    await using empty = await createEmptyDatabase();
    const r = spawnSync(process.execPath, ['server/cli.ts', 'serve'], {
      env: { PATH: process.env.PATH, DATABASE_URL: empty.url, PULSE_SECRET: secret, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^pulse: database .+ is not migrated \(\d+ pending migrations\): run `pulse migrate`$/,
    );
  });
});
