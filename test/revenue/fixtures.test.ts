// The shared fixture builder writes what it says: rows scoped to their company, refunds reflected on the payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fx: Fixtures;
beforeAll(async () => {
  db = await createTestDatabase();
  fx = await openFixtures(db.url);
});
afterAll(async () => {
  await fx.close();
  await db.drop();
});

describe('fixtures', () => {
  it('builds a subscription with back-to-back payments and a refund', async () => {
    const co = await fx.company({ timeZone: 'Asia/Tokyo' });
    const plan = await co.plan({ price: 2500, periodDays: 30 });
    const ann = await co.member({ name: 'Ann' });
    const sub = await co.subscribe(ann, plan, { at: '2026-01-05T10:00:00Z', payments: 3 });
    await co.refund(sub.payments[2]!, { at: '2026-03-10T00:00:00Z', amount: 1000 });
    const pays = await fx.sql.query(
      'select kind, paid_at, amount_minor, refunded_amount_minor, substatus from payments where company_id = $1 order by paid_at',
      [co.id],
    );
    expect(
      pays.rows.map((r) => [
        r.kind,
        (r.paid_at as Date).toISOString(),
        Number(r.amount_minor),
        Number(r.refunded_amount_minor),
        r.substatus,
      ]),
    ).toEqual([
      ['initial', '2026-01-05T10:00:00.000Z', 2500, 0, 'succeeded'],
      ['renewal', '2026-02-04T10:00:00.000Z', 2500, 0, 'succeeded'],
      ['renewal', '2026-03-06T10:00:00.000Z', 2500, 1000, 'partially_refunded'],
    ]);
    const tz = await fx.sql.query('select time_zone from companies where id = $1', [co.id]);
    expect(tz.rows[0]!.time_zone).toBe('Asia/Tokyo');
  });

  it('keeps two companies apart and writes events in bulk', async () => {
    const a = await fx.company();
    const b = await fx.company();
    const m = await b.member();
    const lesson = await b.content({ kind: 'lesson', title: 'Intro' });
    const ids = await b.events(
      m,
      Array.from({ length: 1500 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        kind: 'lesson_view' as const,
        content: lesson,
      })),
    );
    expect(ids).toHaveLength(1500);
    const count = await fx.sql.query(
      'select company_id, count(*)::int as n from activity_events where company_id = any($1) group by company_id',
      [[a.id, b.id]],
    );
    expect(count.rows).toEqual([{ company_id: String(b.id), n: 1500 }]);
    await expect(a.plan({ periodDays: 30 }).then(() => a.member({ joinedAt: 'not a date' }))).rejects.toThrow(
      /not a date/,
    );
  });
});
