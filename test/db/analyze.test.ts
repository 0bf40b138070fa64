// analyzeWritten: analyzes a step's tables when it wrote more rows than autovacuum's threshold
// (50 + 10% of the main table's analyzed size, a never-analyzed table counting as empty), and only then.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWritten } from '../../core/db/analyze.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`insert into companies (whop_company_id, name) values ('biz_analyze', 'A')`);
  await client.query(
    `insert into activity_slots (company_id, slot, events)
     select (select id from companies), timestamptz '2026-01-01' + make_interval(mins => 15 * g), 1 from generate_series(1, 1000) g`,
  );
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

const analyzedRows = async (table: string) =>
  Number(
    (await client.query<{ n: number }>('select reltuples::float8 as n from pg_class where relname = $1', [table]))
      .rows[0]!.n,
  );
const slots = (written: number) => [
  { main: 'activity_slots', tables: ['activity_slots', 'engagement_company_daily'], written },
];

describe('analyzeWritten', () => {
  it('analyzes a never-analyzed table past 50 written rows, with the rest of its group', async () => {
    expect(await analyzedRows('activity_slots')).toBe(-1);
    expect(await analyzeWritten(client, slots(50))).toEqual([]);
    expect(await analyzeWritten(client, slots(1000))).toEqual(['activity_slots', 'engagement_company_daily']);
    expect(await analyzedRows('activity_slots')).toBe(1000);
  });

  it('then needs 50 + 10% of the analyzed rows (150 of 1,000)', async () => {
    expect(await analyzeWritten(client, slots(150))).toEqual([]);
    expect(await analyzeWritten(client, slots(151))).toEqual(['activity_slots', 'engagement_company_daily']);
  });
});
