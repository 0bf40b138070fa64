// analyzeWritten: analyzes a step's tables when the main table changed by more than autovacuum's threshold since
// its last analyze (50 + 10% of its analyzed size, a never-analyzed table counting as empty): the rows the step
// wrote plus the modifications PostgreSQL counted (flushed here with pg_stat_force_next_flush), and only then.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWritten } from '../../core/db/analyze.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
let client: pg.Client;

/** Inserts n activity slots and makes this session report its statistics when it goes idle. */
async function insertSlots(n: number, from: number) {
  await client.query(
    `insert into activity_slots (company_id, slot, events)
     select (select id from companies), timestamptz '2026-01-01' + make_interval(mins => 15 * g), 1
     from generate_series($1::int, $2::int) g`,
    [from, from + n - 1],
  );
  await client.query('select pg_stat_force_next_flush()');
  await client.query('select 1'); // the flush happens once the session is idle after the call above
}

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`insert into companies (whop_company_id, name) values ('biz_analyze', 'A')`);
  await insertSlots(1000, 1);
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
  it('analyzes a never-analyzed, unchanged table past 50 written rows', async () => {
    const content = (written: number) => [{ main: 'content_daily', tables: ['content_daily'], written }];
    expect(await analyzedRows('content_daily')).toBe(-1);
    expect(await analyzeWritten(client, content(50))).toEqual([]);
    expect(await analyzeWritten(client, content(51))).toEqual(['content_daily']);
  });

  it('counts the changes PostgreSQL saw since the last analyze, with the rest of the group', async () => {
    expect(await analyzedRows('activity_slots')).toBe(-1);
    // A step that wrote nothing leaves it to the next writer; one that wrote a row counts the 1,000 rows that came
    // in since the table was (never) last analyzed.
    expect(await analyzeWritten(client, slots(0))).toEqual([]);
    expect(await analyzeWritten(client, slots(1))).toEqual(['activity_slots', 'engagement_company_daily']);
    expect(await analyzedRows('activity_slots')).toBe(1000);
  });

  it('then needs 50 + 10% of the analyzed rows (150 of 1,000)', async () => {
    expect(await analyzeWritten(client, slots(150))).toEqual([]);
    expect(await analyzeWritten(client, slots(151))).toEqual(['activity_slots', 'engagement_company_daily']);
  });

  it("adds up steps too small on their own (many companies' syncs into one table)", async () => {
    await insertSlots(100, 2001);
    expect(await analyzeWritten(client, slots(50))).toEqual([]); // 100 + 50 of 150
    await insertSlots(1, 3001);
    expect(await analyzeWritten(client, slots(50))).toEqual(['activity_slots', 'engagement_company_daily']);
    expect(await analyzedRows('activity_slots')).toBe(1101);
  });
});
