// analyzeChanged: analyzes a table whose rows changed past autovacuum's threshold (50 + 10%), and only then.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeChanged } from '../../core/db/analyze.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`insert into companies (whop_company_id, name) values ('biz_analyze', 'A')`);
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

/** This backend's pending statistics reach pg_stat_user_tables (PostgreSQL 15 flushes them lazily). */
async function flushStats(): Promise<void> {
  await client.query('select pg_stat_force_next_flush()');
  await client.query('select 1');
}

const lastAnalyze = async (table: string) =>
  (await client.query<{ at: Date | null }>('select last_analyze as at from pg_stat_user_tables where relname = $1', [table])).rows[0]?.at ?? null;

describe('analyzeChanged', () => {
  it('analyzes a rebuilt table once, and not again while it is unchanged', async () => {
    await client.query(
      `insert into activity_slots (company_id, slot, events)
       select (select id from companies), timestamptz '2026-01-01' + make_interval(mins => 15 * g), 1 from generate_series(1, 500) g`);
    await flushStats();
    expect(await lastAnalyze('activity_slots')).toBeNull();
    expect(await analyzeChanged(client, ['activity_slots', 'content_daily'])).toEqual(['activity_slots']);
    expect(await lastAnalyze('activity_slots')).not.toBeNull();
    await flushStats();
    expect(await analyzeChanged(client, ['activity_slots', 'content_daily'])).toEqual([]);
  });

  it('leaves a table whose change is under the threshold', async () => {
    // 500 rows analyzed: the threshold is 50 + 50 = 100 changed rows; 60 stay under it, 60 more pass it.
    await client.query(`update activity_slots set events = 2 where slot < timestamptz '2026-01-01' + interval '15 hours 1 minute'`);
    await flushStats();
    expect(await analyzeChanged(client, ['activity_slots'])).toEqual([]);
    await client.query(`update activity_slots set events = 3 where slot >= timestamptz '2026-01-05' and slot < timestamptz '2026-01-05' + interval '15 hours'`);
    await flushStats();
    expect(await analyzeChanged(client, ['activity_slots'])).toEqual(['activity_slots']);
  });
});
