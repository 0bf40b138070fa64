// Graceful shutdown: the signal handler's contract (exit 0 once closed, exit 1 at the hard limit or on error,
// at once on a second signal), drainHttp on a real listening server (in-flight requests finish, stuck ones are
// cut after the grace period, idle keep-alive connections are closed, no new connections), and a real
// `pulse serve` process stopping on SIGTERM. Timers that decide outcomes are fake and advanced by the tests.
import { EventEmitter } from 'node:events';
import { Agent, get } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyRequest } from 'fastify';
import { drainHttp, onShutdown } from '../../server/shutdown.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startServer } from './server-process.ts';

function harness(close: () => Promise<void>, limitMs = 10_000) {
  const target = new EventEmitter();
  const exits: number[] = [];
  const out: string[] = [];
  let exited!: (code: number) => void;
  /** The first exit code asked for. */
  const firstExit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const remove = onShutdown(close, {
    target,
    limitMs,
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    write: (l) => {
      out.push(l);
    },
  });
  return { target, exits, out, firstExit, remove };
}

/** A promise and the function that settles it. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const opened = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('onShutdown', () => {
  it('closes once and exits 0', async () => {
    let closes = 0;
    const h = harness(async () => {
      closes++;
    });
    h.target.emit('SIGTERM', 'SIGTERM');
    expect(await h.firstExit).toBe(0);
    expect(closes).toBe(1);
    expect(h.exits).toEqual([0]);
    expect(h.out[0]).toBe('pulse: SIGTERM, shutting down (at most 10 s)\n');
    expect(h.out[1]).toMatch(/^pulse: stopped in \d+ ms\n$/);
    h.remove();
  });

  it('exits 1 at the hard limit when closing hangs, not before', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const h = harness(() => new Promise(() => undefined), 80);
      h.target.emit('SIGTERM', 'SIGTERM');
      vi.advanceTimersByTime(79);
      expect(h.exits).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(h.exits).toEqual([1]);
      expect(h.out.at(-1)).toBe('pulse: still closing after 0.08 s; exiting anyway\n');
      h.remove();
    } finally {
      vi.useRealTimers();
    }
  });

  it('exits at once on a second signal (130 for SIGINT), and 1 when closing fails', async () => {
    const h = harness(() => new Promise(() => undefined), 5_000);
    h.target.emit('SIGTERM', 'SIGTERM');
    h.target.emit('SIGINT', 'SIGINT');
    expect(h.exits).toEqual([130]);
    h.remove();
    const failing = harness(() => Promise.reject(new Error('pool already ended')));
    failing.target.emit('SIGINT', 'SIGINT');
    expect(await failing.firstExit).toBe(1);
    expect(failing.out.at(-1)).toBe('pulse: error while shutting down: pool already ended\n');
    failing.remove();
  });
});

// The grace period and the idle sweep run on fake timers the tests advance: what is asserted is what happened
// to the connections, never how long it took.
describe('drainHttp', () => {
  async function listening(routes: (app: ReturnType<typeof Fastify>) => void) {
    const app = Fastify();
    routes(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  }
  const request = (url: string, agent?: Agent) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  /** A route that says when a request reached it and answers once released. */
  function heldRoute() {
    const arrived = gate<Socket>();
    const release = gate();
    const handler = async (req: FastifyRequest) => {
      arrived.open(req.raw.socket);
      await release.opened;
      return { done: true };
    };
    return { arrived: arrived.opened, release: release.open, handler };
  }

  it('lets in-flight requests finish, and refuses new connections meanwhile', async () => {
    const held = heldRoute();
    const { app, base } = await listening((a) => a.get('/slow', held.handler));
    const inflight = request(`${base}/slow`);
    await held.arrived;
    let drained = false;
    const closed = drainHttp(app.server, 60_000).then(() => {
      drained = true;
    });
    await expect(request(`${base}/slow`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(drained).toBe(false); // still waiting for the request in flight
    held.release();
    expect(await inflight).toEqual({ status: 200, body: '{"done":true}' });
    await closed;
    await app.close(); // the server is already closed: Fastify's close runs the hooks only
  });

  it('cuts requests still running when the grace period is over, not before', async () => {
    const arrived = gate<Socket>();
    const { app, base } = await listening((a) =>
      a.get('/stuck', (req: FastifyRequest) => {
        arrived.open(req.raw.socket);
        return new Promise(() => undefined);
      }),
    );
    const stuck = request(`${base}/stuck`);
    stuck.catch(() => undefined);
    const socket = await arrived.opened;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const drained = drainHttp(app.server, 5_000);
      vi.advanceTimersByTime(4_999);
      expect(socket.destroyed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(socket.destroyed).toBe(true);
      await drained;
    } finally {
      vi.useRealTimers();
    }
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
    await app.close();
  });

  it('closes keep-alive connections as soon as they are idle, long before the grace period', async () => {
    const held = heldRoute();
    const { app, base } = await listening((a) => a.get('/slow', held.handler));
    const agent = new Agent({ keepAlive: true });
    // One connection idle from the start, one whose request finishes during the drain.
    expect((await request(`${base}/nothing`, agent)).status).toBe(404);
    const inflight = request(`${base}/slow`, new Agent({ keepAlive: true }));
    const socket = await held.arrived;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const drained = drainHttp(app.server, 60_000);
      held.release();
      expect((await inflight).status).toBe(200);
      expect(socket.destroyed).toBe(false); // kept alive after its response
      vi.advanceTimersByTime(50); // one sweep of idle connections, nowhere near the grace period
      expect(socket.destroyed).toBe(true);
      await drained;
    } finally {
      vi.useRealTimers();
    }
    agent.destroy();
    await app.close();
  });
});

describe('pulse serve on SIGTERM', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stops the web server and the worker and exits 0 well within 10 s, idle keep-alive clients or not', async () => {
    const server = await startServer({ databaseUrl: db.url, role: 'all' });
    const agent = new Agent({ keepAlive: true });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await new Promise<void>((resolve, reject) =>
      get(`${server.url}/readyz`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject),
    );
    const { code } = await server.stop('SIGTERM');
    agent.destroy();
    // 0, not 1: closing finished before the 10-second hard limit (which exits 1).
    expect(code).toBe(0);
    expect(server.stderr()).toMatch(/pulse: SIGTERM, shutting down \(at most 10 s\)\npulse: stopped in \d+ ms\n/);
  });
});
