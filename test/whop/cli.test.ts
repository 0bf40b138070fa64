// `pulse sync` and `pulse webhooks replay` as an operator runs them: a child process, real database, fake Whop.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFakeApiKey } from '../../demo/fake-whop/server.ts';
import { makeEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { actualFigures, expectedFigures } from './expected.ts';
import { whopWorld, type WhopWorld } from './world.ts';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

describe('pulse sync / pulse webhooks', () => {
  let w: WhopWorld;
  beforeAll(async () => {
    w = await whopWorld({ seed: 31, members: 30 });
  });
  afterAll(() => w?.close());

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, ...args],
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: w.db.url,
            PULSE_SECRET: 'cli-test-secret-0123456789abcdef01234',
            WHOP_API_KEY: defaultFakeApiKey,
            WHOP_API_BASE_URL: w.fake.url,
            ...env,
          },
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  it('syncs a company by its Whop id and prints what it wrote', async () => {
    const r = await run(['sync', '--company', w.company.whopCompanyId, '--full']);
    expect(r.stderr).not.toContain(defaultFakeApiKey);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^full sync of biz_/);
    const expected = expectedFigures(w.data);
    expect(r.stdout).toMatch(new RegExp(`payments\\s+${expected.payments}\\s+${expected.payments}\\s+0\\s+0`));
    expect(await actualFigures(w.pool, w.company.id)).toEqual(expected);
    const again = await run(['sync', '--company', String(w.company.id), '--json']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.totals.inserted + report.totals.updated).toBe(0);
  });

  it('refuses an unknown company and bad options with one line and exit code 2', async () => {
    const unknown = await run(['sync', '--company', 'biz_nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('pulse: sync: unknown company "biz_nope"');
    expect((await run(['sync'])).code).toBe(2);
    const bad = await run(['webhooks', 'replay', '--since', 'yesterday-ish']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect((await run(['webhooks', 'rewind'])).code).toBe(2);
  });

  it('replays stored webhooks for a company, idempotently', async () => {
    const m = w.data.memberships[0]!;
    const env = makeEnvelope(
      'membership.deactivated',
      { ...m, status: 'expired', updated_at: new Date().toISOString() },
      w.company.whopCompanyId,
    );
    await w.pool.query(
      `insert into webhook_inbox (webhook_id, company_id, whop_company_id, event_type, payload) values ($1, $2, $3, $4, $5)`,
      [env.id, w.company.id, w.company.whopCompanyId, env.type, JSON.stringify(env)],
    );
    const first = await run(['webhooks', 'replay', '--company', w.company.whopCompanyId, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ examined: 1, applied: 1, rowsChanged: 1, failed: 0 });
    const second = await run(['webhooks', 'replay', '--since', '2020-01-01']);
    expect(second.stdout).toBe('replayed 1 event(s): 1 applied (0 row(s) changed), 0 not applicable, 0 failed\n');
    const { rows } = await w.pool.query(`select status from memberships where company_id = $1 and whop_id = $2`, [
      w.company.id,
      m.id,
    ]);
    expect(rows[0].status).toBe('expired');
  });
});
