// The image without Docker: the files the Dockerfile copies, put in a temp dir with a clean `npm ci --omit=dev`
// (the dependency stage's command), then fly's release command, the image's CMD and HEALTHCHECK, and each fly
// process command, run from there by Node 24 as a non-root user on a real database. Proves no runtime import
// needs a devDependency or a file the image does not copy, and that nothing writes under the app directory.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../helpers/db.ts';
import { readFlyPlan, readImagePlan } from '../image-plan.ts';
import { repoRoot, startServer } from '../server-process.ts';

const run = promisify(execFile);

/** A port nobody listens on right now (the server binds it a moment later). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
const plan = readImagePlan(repoRoot);
const fly = readFlyPlan(repoRoot);
const nodeBin = dirname(process.execPath);
const env = { PATH: `${nodeBin}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '/root' };
/**
 * As the image's USER: a non-root account when this runs as root (`nobody` cannot write to the app dir). setpriv
 * execs the command itself (runuser would stay the parent and report a forwarded SIGTERM as its own exit 143).
 */
const asAppUser = (argv: string[]) => {
  const resolved = argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
  return process.getuid?.() === 0
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', ...resolved]
    : resolved;
};
const words = (command: string) => command.split(/\s+/);

describe('the image, from a clean production install', () => {
  let app: string;
  let db: TestDatabase;

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'pulse-image-'));
    for (const f of plan.depsFiles) cpSync(join(repoRoot, f), join(app, f));
    // This machine's npm settings (registry CA, proxy) apply to the install; the app then runs with a bare environment.
    await run('sh', ['-c', plan.install], {
      cwd: app,
      env: { ...process.env, ...env },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const c of plan.copies)
      cpSync(join(repoRoot, c.from), join(app, c.to, c.to.endsWith('/') ? c.from.split('/').pop()! : ''), {
        recursive: true,
      });
    chmodSync(app, 0o755);
    db = await createEmptyDatabase();
  }, 600_000);
  afterAll(async () => {
    await db?.drop();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('has no devDependency installed and runs as a non-root user', () => {
    expect(plan.nodeModulesFromDeps).toBe(true);
    expect(plan.user).toBe('node');
    for (const dev of ['vitest', 'typescript', 'eslint', 'autocannon', 'playwright-core'])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'fastify'))).toBe(true);
  });

  it("runs fly's release command: migrates an empty database, then has nothing to do", async () => {
    const migrate = asAppUser(words(fly.releaseCommand));
    const first = await run(migrate[0]!, migrate.slice(1), {
      cwd: app,
      env: { ...env, ...plan.env, DATABASE_URL: db.url },
    });
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\): Migration/);
    const again = await run(migrate[0]!, migrate.slice(1), {
      cwd: app,
      env: { ...env, ...plan.env, DATABASE_URL: db.url },
    });
    expect(again.stdout).toBe('database is up to date\n');
  });

  it("serves with the image's CMD: health, readiness, metrics, the HEALTHCHECK command; stops on SIGTERM", async () => {
    const metricsPort = await freePort();
    const server = await startServer({
      databaseUrl: db.url,
      cwd: app,
      command: asAppUser(plan.cmd),
      env: { ...env, ...plan.env, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: String(metricsPort) },
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      // Prometheus text on its own port, never on the public one.
      expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toMatch(/^pulse_database_up 1$/m);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      const hc = asAppUser(plan.healthcheck!);
      await expect(
        run(hc[0]!, hc.slice(1), { cwd: app, env: { ...env, PORT: new URL(server.url).port } }),
      ).resolves.toBeDefined();
    } finally {
      const { code, ms } = await server.stop('SIGTERM');
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it.each(Object.entries(fly.processes))("starts fly's %s process and stops it on SIGTERM", async (_name, command) => {
    const server = await startServer({
      databaseUrl: db.url,
      cwd: app,
      command: asAppUser(words(command)),
      env: { ...env, ...plan.env, HOST: '127.0.0.1', PORT: '0' },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const { code, ms } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
