// /healthz, /readyz and /metrics on the real app and a real database; start refuses an unmigrated one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../core/config.ts';
import { openOrm } from '../../core/db/orm.ts';
import { createEmptyDatabase, withOrm, type TestOrm } from '../helpers/db.ts';

const secret = 's'.repeat(40);

describe('health routes', () => {
  let db: TestOrm;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await withOrm();
    app = await buildApp({ config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: secret }), orm: db.orm, logger: false });
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

  it('metrics speaks Prometheus text', async () => {
    const r = await app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body).toMatch(/^# HELP pulse_process_cpu_user_seconds_total/m);
  });

  it('unknown routes are a JSON 404', async () => {
    const r = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toBe('No route GET /nope');
  });
});

describe('an unmigrated database', () => {
  it('readyz answers 503 with the reason', async () => {
    await using empty = await createEmptyDatabase();
    const orm = await openOrm(empty.url);
    const app = await buildApp({ config: loadConfig({ DATABASE_URL: empty.url, PULSE_SECRET: secret }), orm, logger: false });
    try {
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.json().reason).toMatch(/^\d+ pending migrations$/);
    } finally {
      await app.close();
      await orm.close();
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
    expect(r.stderr.trim()).toMatch(/^pulse: database .+ is not migrated \(\d+ pending migrations\): run `pulse migrate`$/);
  });
});
