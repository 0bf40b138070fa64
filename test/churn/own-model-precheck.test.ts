// mayHaveOwnModel: a company needs 150 paying members at the newest training snapshot (30 days back) for a
// model of its own; fewer memberships with a payment by then rule it out before any snapshot is computed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayHaveOwnModel } from '../../core/churn/scoring.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';
import pg from 'pg';

const asOf = new Date('2026-06-01T00:00:00Z');
let db: TestDatabase;
let fx: Fixtures;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await openFixtures(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await fx.close();
  await db.drop();
});

describe('mayHaveOwnModel', () => {
  it('needs 150 memberships paid by 30 days before asOf; later payments do not count', async () => {
    const co = await fx.company();
    const plan = await co.plan({ price: 1000, periodDays: 30 });
    for (let i = 0; i < 149; i++)
      await co.subscribe(await co.member(), plan, { at: '2026-03-01T10:00:00Z', payments: 1 });
    // Paid on 2026-05-10: after the newest snapshot (2026-05-02), so not counted.
    await co.subscribe(await co.member(), plan, { at: '2026-05-10T10:00:00Z', payments: 1 });
    expect(await mayHaveOwnModel(pool, co.id, asOf)).toBe(false);
    await co.subscribe(await co.member(), plan, { at: '2026-04-20T10:00:00Z', payments: 1 });
    expect(await mayHaveOwnModel(pool, co.id, asOf)).toBe(true);
  }, 60_000);
});
