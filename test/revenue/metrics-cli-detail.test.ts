// `pulse metrics --members <figure>` and `--by plan|product` on the hand-built March (scenario-march.ts; the
// figures are worked out in drilldown-breakdown.test.ts): two runs as operators run them (a child process on a
// test database), the rest through the same handler in-process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { companyById, type Company } from '../../core/companies/company.repository.ts';
import { metricsDetail, moneyFormatter, terminalText } from '../../server/cli/metrics-detail.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { testPool } from './pool.ts';
import { buildMarchCompany } from './scenario-march.ts';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const run = promisify(execFile);

let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let company: Company;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  co = await buildMarchCompany(fixtures(pool));
  // A name with a terminal escape sequence and a line break: printed as plain text on one line.
  await pool.query(`update members set name = $2 where company_id = $1 and name = 'Ben'`, [
    co.id,
    'Ben\u001b[31m\nRed',
  ]);
  company = await companyById(pool, co.id);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function pulse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: db.url };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'metrics', ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const march = ['--company', '', '--from', '2026-03-01', '--to', '2026-03-31', '--as-of', '2026-04-01T00:00:00Z'];
const period = { from: '2026-03-01', to: '2026-04-01' };
const asOf = new Date('2026-04-01T00:00:00Z');

describe('pulse metrics --members and --by (child process)', () => {
  it('lists the memberships behind churn as JSON, and prints the by-plan table', async () => {
    march[1] = co.whopId;
    const [members, byPlan] = await Promise.all([
      pulse(...march, '--members', 'churn', '--json'),
      pulse(...march, '--by', 'plan'),
    ]);
    expect([members.code, members.stderr]).toEqual([0, '']);
    const json = JSON.parse(members.stdout);
    // Ivy (Mar 1, delinquent), Fay (Mar 12, refund), Ben (Mar 21): 1000 each on the $10 plan.
    expect([json.figure, json.totalMinor, json.count, json.customers]).toEqual(['churn', 3000, 3, 3]);
    expect(
      json.rows.map((r: { whopUserId: string; plan: string; day: string; amountMinor: number }) => [
        r.whopUserId,
        r.plan,
        r.day,
        r.amountMinor,
      ]),
    ).toEqual([
      ['user_ivy', '$10 monthly', '2026-03-01', 1000],
      ['user_fay', '$10 monthly', '2026-03-12', 1000],
      ['user_ben', '$10 monthly', '2026-03-21', 1000],
    ]);
    expect(json.rows.every((r: { membershipWhopId: string }) => r.membershipWhopId.startsWith('mem_'))).toBe(true);
    expect(byPlan.code).toBe(0);
    // Columns: MRR start, new, reactivation, expansion, contraction, churn, moved, MRR end, customers, ARPU.
    // $30 monthly: 3000 -> 6000, new 3000, expansion 2000, contraction 2000; $10 monthly: 6000 -> 5000, new 1000,
    // back 1000, churn 3000; the company: 13000 -> 18000. (Amounts by hand, written by the CLI's formatter.)
    const m = moneyFormatter('usd');
    const line = (title: string) =>
      byPlan.stdout
        .split('\n')
        .find((l) => l.startsWith(title))
        ?.slice(26)
        .trim()
        .split(/\s+/);
    expect(line('$30 monthly')).toEqual([m(3000), m(3000), m(0), m(2000), m(-2000), m(0), m(0), m(6000), '2', m(3000)]);
    expect(line('$10 monthly')).toEqual([m(6000), m(1000), m(1000), m(0), m(0), m(-3000), m(0), m(5000), '5', m(1000)]);
    expect(line('Company')).toEqual([m(13_000), m(7000), m(1000), m(2000), m(-2000), m(-3000), m(0), m(18_000), '10']);
    expect(byPlan.stdout).toMatch(/Customers do not add up/);
  }, 240_000);
});

describe('the same handler in-process', () => {
  it('prints a members table with names on one line and no escape sequences', async () => {
    const out = await metricsDetail(pool, { company, period, asOf, json: false, members: 'churn' });
    const m = moneyFormatter('usd');
    expect(out!.split('\n')[0]).toBe(`Churn 2026-03-01..2026-03-31: ${m(3000)} from 3 rows, 3 customers`);
    expect(out).toMatch(/Ben \[31m Red\s+user_ben\s+mem_\S+\s+\$10 monthly\s+2026-03-21\s+\S+/);
    expect(out).not.toMatch(/\u001b/);
    expect(terminalText('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('accepts past-due and recovered as figure names, and gives by product as JSON', async () => {
    const pastDue = JSON.parse(
      (await metricsDetail(pool, { company, period, asOf, json: true, members: 'past-due' }))!,
    );
    expect([pastDue.figure, pastDue.totalMinor, pastDue.rows[0].whopUserId]).toEqual(['past_due', 1000, 'user_jon']);
    const recovered = JSON.parse(
      (await metricsDetail(pool, { company, period, asOf, json: true, members: 'recovered' }))!,
    );
    expect([recovered.figure, recovered.totalMinor, recovered.rows[0].whopUserId]).toEqual([
      'recovered_payments',
      1000,
      'user_kim',
    ]);
    const byProduct = JSON.parse((await metricsDetail(pool, { company, period, asOf, json: true, by: 'product' }))!);
    // No plan of the scenario has a product: one row holding the company's 18000.
    expect(
      byProduct.rows.map((r: { title: string; mrrEndMinor: number; customersEnd: number }) => [
        r.title,
        r.mrrEndMinor,
        r.customersEnd,
      ]),
    ).toEqual([['No product', 18_000, 10]]);
  });

  it('refuses an unknown figure, an unknown breakdown and both options at once', async () => {
    await expect(metricsDetail(pool, { company, period, asOf, json: true, members: 'profit' })).rejects.toThrow(
      /unknown figure "profit"/,
    );
    await expect(metricsDetail(pool, { company, period, asOf, json: true, by: 'country' })).rejects.toThrow(
      /by must be plan or product/,
    );
    await expect(
      metricsDetail(pool, { company, period, asOf, json: true, by: 'plan', members: 'new' }),
    ).rejects.toThrow(/cannot be used together/);
    expect(await metricsDetail(pool, { company, period, asOf, json: true })).toBeNull();
  });
});
