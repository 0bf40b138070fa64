// `pulse metrics`, run as operators run it: a child process on a test database (DATABASE_URL).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { buildMarchCompany } from './scenario-march.ts';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const run = promisify(execFile);

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  co = await buildMarchCompany(fixtures(pool));
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function pulse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'metrics', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const march = ['--from', '2026-03-01', '--to', '2026-03-31', '--as-of', '2026-04-01T00:00:00Z'];

describe('pulse metrics', () => {
  it('prints the period as JSON in minor units, by Whop company id', async () => {
    const out = await pulse('--company', co.whopId, ...march, '--json');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.company).toMatchObject({ id: co.id, whopCompanyId: co.whopId });
    expect(json.current.period).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    // The hand-worked March of scenario-march.ts (revenue-report.test.ts has the arithmetic).
    expect([json.current.mrrStartMinor, json.current.mrrEndMinor, json.current.movements.netNewMinor]).toEqual([
      13_000, 18_000, 5_000,
    ]);
    expect(json.current.movements.churnMinor).toBe(3_000);
    expect(json.current.cash.revenueMinor).toBe(65_000);
    expect(json.current.quickRatio).toEqual({ available: true, value: 2 });
    expect(json.asOf).toBe('2026-04-01T00:00:00.000Z');
  });

  it('prints a readable table by numeric id', async () => {
    const out = await pulse('--company', String(co.id), ...march);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/MRR at start\s+\$130\s+\$100\n/);
    expect(out.stdout).toMatch(/MRR at end\s+\$180\s+\$130\n/);
    expect(out.stdout).toMatch(/Churned MRR\s+\$30\s+\$0\n/);
    expect(out.stdout).toMatch(/Quick ratio\s+2\.00\s+—/);
    expect(out.stdout).toMatch(/LTV \(last 6 full months\)\s+\$194\.40/);
    expect(out.stdout).toMatch(/reactivation is counted in the numerator/);
  });

  it('exits 2 with one clear line for an unknown company, a bad date or a period after now', async () => {
    const unknown = await pulse('--company', 'biz_nope', ...march);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      'pulse: metrics: no company "biz_nope" (give a Whop company id biz_… or a numeric id)',
    ]);
    const bad = await pulse('--company', co.whopId, '--from', '2026-02-30', '--to', '2026-03-31');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'pulse: metrics: from must be a calendar date YYYY-MM-DD, not "2026-02-30"',
    ]);
    const future = await pulse(
      '--company',
      co.whopId,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-05',
      '--as-of',
      '2026-04-01T00:00:00Z',
    );
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^pulse: metrics: period must end by 2026-04-02/);
    const missing = await pulse('--from', '2026-03-01', '--to', '2026-03-31');
    expect([missing.code, missing.stderr.trim()]).toEqual([2, 'pulse: metrics: --company <id or biz_ id> is required']);
  });
});
