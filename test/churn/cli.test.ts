// `pulse churn --company <id> [--json]`: every counted member with ids, probability, risk and factors;
// an unknown company is one line and exit code 2; a company with no history is scored by the prior model.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModelRun } from '../../core/churn/runs.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type CompanyFixture, type Fixtures } from '../helpers/fixtures.ts';
import { handModel, handModelMetrics } from './hand-model.ts';

const asOf = '2026-06-01T00:00:00.000Z';
let db: TestDatabase;
let fx: Fixtures;
let co: CompanyFixture;

function pulse(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'PULSE_SECRET'));
  const child = spawn(process.execPath, ['server/cli.ts', ...args], { env: { ...env, DATABASE_URL: db.url } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await openFixtures(db.url);
  co = await fx.company({ whopId: 'biz_churncli' });
  const plan = await co.plan({ price: 1500, periodDays: 30 });
  const late = await co.member({ whopUserId: 'user_late' });
  const fine = await co.member({ whopUserId: 'user_fine' });
  const lateSub = await co.subscribe(late, plan, { at: '2026-03-01T00:00:00Z', payments: 3 });
  await co.failedPayment(lateSub.membership, { failedAt: '2026-05-30T00:00:00Z' });
  await co.subscribe(fine, plan, { at: '2026-04-01T00:00:00Z', payments: 2 });
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  await saveModelRun(pool, {
    companyId: co.id,
    algorithm: 'logistic_regression',
    source: 'company',
    trainedAt: new Date('2026-05-31T00:00:00Z'),
    seed: 1,
    model: handModel(),
    metrics: handModelMetrics,
  });
  await pool.end();
});

afterAll(async () => {
  await fx?.close();
  await db?.drop();
});

describe('pulse churn', () => {
  it('prints every counted member as JSON, riskiest first', async () => {
    const r = await pulse(['churn', '--company', 'biz_churncli', '--json', '--as-of', asOf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      model: { source: string; summary: string };
      members: Array<Record<string, unknown>>;
    };
    expect(out.model.source).toBe('company');
    expect(out.model.summary).toMatch(/^model AUC 0\.83 on the last 90 days/);
    expect(out.members.map((x) => [x.whopUserId, x.probability, x.risk])).toEqual([
      ['user_late', 0.8808, 'critical'],
      ['user_fine', 0.1192, 'low'],
    ]);
    expect(out.members[0]!.factors).toEqual(['last renewal payment failed and is still unpaid']);
    expect(String(out.members[1]!.membershipId)).toMatch(/^mem_/);
  });

  it('prints a table by internal id too', async () => {
    const r = await pulse(['churn', '--company', String(co.id), '--as-of', asOf]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2 paying members scored at 2026-06-01T00:00:00.000Z; model AUC 0.83/);
    expect(lines[2]).toMatch(/^user_late\s+\S+\s+0\.88\s+critical\s+last renewal payment failed and is still unpaid$/);
  });

  it('fails with one line and exit code 2 for an unknown company or a bad date', async () => {
    const unknown = await pulse(['churn', '--company', 'biz_nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('pulse: churn: unknown company "biz_nobody"\n');
    const badDate = await pulse(['churn', '--company', 'biz_churncli', '--as-of', 'yesterday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('scores a company with no history yet with the prior model, and says so', async () => {
    await fx.company({ whopId: 'biz_churnempty' });
    const r = await pulse(['churn', '--company', 'biz_churnempty', '--as-of', asOf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^0 paying members scored at 2026-06-01T00:00:00.000Z; .*\(logistic regression, starting model learnt from simulated communities[,;] /,
    );
  });
});
