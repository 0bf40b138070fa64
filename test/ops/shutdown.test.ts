// Graceful shutdown: the signal handler's contract (exit 0 once closed, exit 1 at the hard limit or on error,
// at once on a second signal), drainHttp on a real listening server (in-flight requests finish, stuck ones are
// cut after the grace period, no new connections), and a real `pulse serve` process stopping on SIGTERM.
import { EventEmitter } from 'node:events';
import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { drainHttp, onShutdown } from '../../server/shutdown.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startServer } from './server-process.ts';

function harness(close: () => Promise<void>, limitMs = 10_000) {
  const target = new EventEmitter();
  const exits: Array<{ code: number; at: number }> = [];
  const out: string[] = [];
  const remove = onShutdown(close, { target, limitMs, exit: (code) => { exits.push({ code, at: Date.now() }); }, write: (l) => { out.push(l); } });
  return { target, exits, out, remove };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('onShutdown', () => {
  it('closes once and exits 0', async () => {
    let closes = 0;
    const h = harness(async () => { closes++; });
    h.target.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(closes).toBe(1);
    expect(h.exits.map((e) => e.code)).toEqual([0]);
    expect(h.out[0]).toBe('pulse: SIGTERM, shutting down (at most 10 s)\n');
    expect(h.out[1]).toMatch(/^pulse: stopped in \d+ ms\n$/);
    h.remove();
  });

  it('exits 1 at the hard limit when closing hangs', async () => {
    const h = harness(() => new Promise(() => undefined), 80);
    const sent = Date.now();
    h.target.emit('SIGTERM', 'SIGTERM');
    await sleep(200);
    expect(h.exits.map((e) => e.code)).toEqual([1]);
    expect(h.exits[0]!.at - sent).toBeGreaterThanOrEqual(75);
    expect(h.out.at(-1)).toBe('pulse: still closing after 0.08 s; exiting anyway\n');
    h.remove();
  });

  it('exits at once on a second signal (130 for SIGINT), and 1 when closing fails', async () => {
    const h = harness(() => new Promise(() => undefined), 5_000);
    h.target.emit('SIGTERM', 'SIGTERM');
    h.target.emit('SIGINT', 'SIGINT');
    expect(h.exits.map((e) => e.code)).toEqual([130]);
    h.remove();
    const failing = harness(() => Promise.reject(new Error('pool already ended')));
    failing.target.emit('SIGINT', 'SIGINT');
    await sleep(10);
    expect(failing.exits.map((e) => e.code)).toEqual([1]);
    expect(failing.out.at(-1)).toBe('pulse: error while shutting down: pool already ended\n');
    failing.remove();
  });
});

describe('drainHttp', () => {
  async function listening(routes: (app: ReturnType<typeof Fastify>) => void) {
    const app = Fastify();
    routes(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  }
  const request = (url: string, agent?: Agent) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

  it('lets in-flight requests finish, and refuses new connections meanwhile', async () => {
    const { app, base } = await listening((a) => a.get('/slow', async () => { await sleep(300); return { done: true }; }));
    const inflight = request(`${base}/slow`);
    await sleep(50);
    const started = Date.now();
    const closed = drainHttp(app.server, 5_000);
    await sleep(20);
    await expect(request(`${base}/slow`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await inflight).toEqual({ status: 200, body: '{"done":true}' });
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    await app.close(); // the server is already closed: Fastify's close runs the hooks only
  });

  it('cuts requests still running after the grace period', async () => {
    const { app, base } = await listening((a) => a.get('/stuck', () => new Promise(() => undefined)));
    const stuck = request(`${base}/stuck`);
    stuck.catch(() => undefined);
    await sleep(50);
    const started = Date.now();
    await drainHttp(app.server, 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
    await app.close();
  });

  it('does not wait for idle keep-alive connections', async () => {
    const { app, base } = await listening((a) => a.get('/ok', async () => 'ok'));
    const agent = new Agent({ keepAlive: true });
    expect((await request(`${base}/ok`, agent)).status).toBe(200);
    const started = Date.now();
    await drainHttp(app.server, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    agent.destroy();
    await app.close();
  });
});

describe('pulse serve on SIGTERM', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db?.drop(); });

  it('stops the web server and the worker and exits 0 well within 10 s, idle keep-alive clients or not', async () => {
    const server = await startServer({ databaseUrl: db.url, role: 'all' });
    const agent = new Agent({ keepAlive: true });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await new Promise<void>((resolve, reject) => get(`${server.url}/readyz`, { agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
    const { code, ms } = await server.stop('SIGTERM');
    agent.destroy();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(server.stderr()).toMatch(/pulse: SIGTERM, shutting down \(at most 10 s\)\npulse: stopped in \d+ ms\n/);
  });
});
