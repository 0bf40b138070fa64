// content_daily and contentReport on a hand-built company in Europe/Berlin (CET, UTC+1 on these days).
// Period [2026-03-01, 03-08). Course "Start" has lessons L1, L2, L3 (positions 0, 1, 2); interactions:
//   Ann  L1 complete 03-01 10:00, L2 complete 03-02 10:00, L3 complete 03-03 16:00 -> course done, 54 h after starting
//   Ben  L1 view 03-02 09:00, L1 complete 03-02 11:00 (2 h), L2 view 03-04 -> got no further than L2
//   Cid  L1 complete 03-05; Eve L1 view 03-06 -> no further than L1
//   Dan  L1 view 02-20 (started before the period), L2 complete 03-03
//   Fay  L1 complete 03-07 23:30, L2 view 03-08 00:30 (after the period in Berlin; still 03-07 in UTC)
//   and one unmapped L1 view on 03-04. Post P: Ann twice (03-01, 03-02), Ben once (03-02).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupContent } from '../../core/content/content-rollup.ts';
import type { ContentReport } from '../../core/content/content-report.ts';
import { contentReport } from '../../core/content/content.service.ts';
import { BadInput } from '../../core/errors.ts';
import { local, unwrap } from '../helpers/activity-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture, type EventOpts, type Row } from '../helpers/fixtures.ts';

const cet = (day: string, time = '10:00') => local(day, time, '+01:00');
const asOf = new Date('2026-03-10T12:00:00Z');
let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
let other: CompanyFixture;
let report: ContentReport;
const c: Record<string, Row> = {};

async function daily(companyId: number, item: Row) {
  const res = await pool.query(
    `select to_char(day, 'YYYY-MM-DD') as day, views, unique_viewers, completions from content_daily
     where company_id = $1 and content_item_id = $2 order by day`,
    [companyId, item.id],
  );
  return res.rows.map((r) => [r.day, r.views, r.unique_viewers, r.completions]);
}
const line = (title: string) => report.items.find((i) => i.title === title)!;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const fx = fixtures(pool);
  co = await fx.company({ timeZone: 'Europe/Berlin' });
  c.course = await co.content({ kind: 'course', title: 'Start' });
  c.l1 = await co.content({ kind: 'lesson', title: 'L1', parent: c.course, position: 0 });
  c.l2 = await co.content({ kind: 'lesson', title: 'L2', parent: c.course, position: 1 });
  c.l3 = await co.content({ kind: 'lesson', title: 'L3', parent: c.course, position: 2 });
  c.post = await co.content({ kind: 'post', title: 'P' });
  c.quiet = await co.content({ kind: 'course', title: 'Quiet' });
  const view = (content: Row, at: string): EventOpts => ({ kind: 'lesson_view', content, at });
  const done = (content: Row, at: string): EventOpts => ({ kind: 'lesson_complete', content, at, value: 100 / 3 });
  const plan: Record<string, EventOpts[]> = {
    ann: [
      done(c.l1, cet('2026-03-01')),
      done(c.l2, cet('2026-03-02')),
      done(c.l3, cet('2026-03-03', '16:00')),
      { kind: 'visit', content: c.post, at: cet('2026-03-01') },
      { kind: 'visit', content: c.post, at: cet('2026-03-02') },
    ],
    ben: [
      view(c.l1, cet('2026-03-02', '09:00')),
      done(c.l1, cet('2026-03-02', '11:00')),
      view(c.l2, cet('2026-03-04')),
      { kind: 'visit', content: c.post, at: cet('2026-03-02') },
    ],
    cid: [done(c.l1, cet('2026-03-05'))],
    dan: [view(c.l1, cet('2026-02-20')), done(c.l2, cet('2026-03-03'))],
    eve: [view(c.l1, cet('2026-03-06'))],
    fay: [done(c.l1, cet('2026-03-07', '23:30')), view(c.l2, cet('2026-03-08', '00:30'))],
  };
  for (const [name, events] of Object.entries(plan)) await co.events(await co.member({ name }), events);
  await co.event(null, view(c.l1, cet('2026-03-04')));
  // Another tenant with a course of its own and heavy activity on the same days.
  other = await fx.company({ timeZone: 'Europe/Berlin' });
  const theirs = await other.content({ kind: 'course', title: 'Theirs' });
  const theirLesson = await other.content({ kind: 'lesson', title: 'T1', parent: theirs, position: 0 });
  await other.events(
    await other.member(),
    Array.from({ length: 9 }, () => done(theirLesson, cet('2026-03-02'))),
  );
  await rollupContent(pool, other.id, '2026-02-01', '2026-03-10');
  await rollupContent(pool, co.id, '2026-02-01', '2026-03-10');
  report = unwrap(await contentReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf }));
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('content_daily', () => {
  it('counts a lesson per day: interactions, members, completions', async () => {
    // L1: 02-20 Dan view; 03-01 Ann; 03-02 Ben view + complete; 03-04 unmapped view; 03-05 Cid; 03-06 Eve; 03-07 Fay
    expect(await daily(co.id, c.l1!)).toEqual([
      ['2026-02-20', 1, 1, 0],
      ['2026-03-01', 1, 1, 1],
      ['2026-03-02', 2, 1, 1],
      ['2026-03-04', 1, 0, 0],
      ['2026-03-05', 1, 1, 1],
      ['2026-03-06', 1, 1, 0],
      ['2026-03-07', 1, 1, 1],
    ]);
    // Fay's L2 view at 00:30 on 03-08 in Berlin (23:30 UTC on 03-07) is on 03-08
    expect(await daily(co.id, c.l2!)).toEqual([
      ['2026-03-02', 1, 1, 1],
      ['2026-03-03', 1, 1, 1],
      ['2026-03-04', 1, 1, 0],
      ['2026-03-08', 1, 1, 0],
    ]);
  });

  it('counts a course through its lessons, completed when its last missing lesson is', async () => {
    // 03-03: Ann L3 + Dan L2 = 2 views, 2 members; Ann has now completed L1, L2, L3 -> 1 completion
    expect(await daily(co.id, c.course!)).toEqual([
      ['2026-02-20', 1, 1, 0],
      ['2026-03-01', 1, 1, 0],
      ['2026-03-02', 3, 2, 0],
      ['2026-03-03', 2, 2, 1],
      ['2026-03-04', 2, 1, 0],
      ['2026-03-05', 1, 1, 0],
      ['2026-03-06', 1, 1, 0],
      ['2026-03-07', 1, 1, 0],
      ['2026-03-08', 1, 1, 0],
    ]);
  });

  it('changes nothing when run twice, and keeps to its company', async () => {
    const everything = async () =>
      Promise.all([
        pool.query('select * from content_daily order by company_id, content_item_id, day'),
        pool.query('select * from content_progress order by company_id, member_id, content_item_id'),
      ]).then((r) => r.map((x) => x.rows));
    const before = await everything();
    // progress rows: Ann 3 lessons + post + course = 5, Ben 2 lessons + post + course = 4, Cid and Eve 1 lesson +
    // course = 2 each, Dan and Fay 2 lessons + course = 3 each: 19, plus the other company's lesson and course
    expect(before[1]).toHaveLength(21);
    const again = await rollupContent(pool, co.id, '2026-02-01', '2026-03-10');
    expect(again).toEqual({
      rows: before[0]!.filter((r) => Number(r.company_id) === co.id).length,
      written: 0,
      removed: 0,
    });
    expect(await everything()).toEqual(before);
    const theirs = await pool.query(
      'select views, unique_viewers, completions from content_daily where company_id = $1 order by content_item_id',
      [other.id],
    );
    // their course and lesson on 03-02: 9 interactions by one member, who completed the 1-lesson course
    expect(theirs.rows).toEqual([
      { views: 9, unique_viewers: 1, completions: 1 },
      { views: 9, unique_viewers: 1, completions: 1 },
    ]);
  });
});

describe('contentReport', () => {
  it('ranks items by views, then unique viewers', () => {
    // course 11 (all lesson interactions in the period incl. the unmapped one), L1 7, L2 3 (3 members), P 3 (2), L3 1, Quiet 0
    expect(report.items.map((i) => [i.title, i.views, i.uniqueViewers])).toEqual([
      ['Start', 11, 6],
      ['L1', 7, 5],
      ['L2', 3, 3],
      ['P', 3, 2],
      ['L3', 1, 1],
      ['Quiet', 0, 0],
    ]);
  });

  it('gives the course completion rate, time to complete and drop-off lesson', () => {
    // starters Ann, Ben, Cid, Eve, Fay (Dan began 02-20); completed: Ann -> 1/5.
    // Ann: 03-01 10:00 -> 03-03 16:00 = 54 h = 194,400 s. Stopped after L1: Cid, Eve, Fay (3 of 5); after L2: Ben.
    expect(line('Start')).toMatchObject({
      completions: 1,
      starters: 5,
      completers: 1,
      completionRate: 0.2,
      avgTimeToComplete: { seconds: 194_400, completers: 1 },
      dropOff: { lessonId: c.l1!.id, title: 'L1', position: 0, stopped: 3, share: 0.6 },
    });
  });

  it('gives lesson completion rates, timing only completions with an earlier start', () => {
    // L1: starters Ann, Ben, Cid, Eve, Fay; completers Ann, Ben, Cid, Fay = 4/5; only Ben viewed before completing (2 h)
    expect(line('L1')).toMatchObject({
      completions: 4,
      starters: 5,
      completers: 4,
      completionRate: 0.8,
      avgTimeToComplete: { seconds: 7_200, completers: 1 },
      dropOff: null,
      courseId: c.course!.id,
    });
    // L2: Ann, Ben, Dan started; Ann and Dan completed = 2/3, both at their single interaction: no time
    expect(line('L2')).toMatchObject({ starters: 3, completers: 2, avgTimeToComplete: null });
    expect(line('L2').completionRate).toBeCloseTo(2 / 3, 12);
    // posts are viewed, not completed
    expect(line('P')).toMatchObject({ starters: 2, completionRate: null, avgTimeToComplete: null });
    expect(line('Quiet')).toMatchObject({ starters: 0, completionRate: null, dropOff: null });
  });

  it('filters by type', async () => {
    const courses = unwrap(
      await contentReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, type: 'course' }),
    );
    expect(courses.items.map((i) => i.title)).toEqual(['Start', 'Quiet']);
    expect(courses.items[0]!.dropOff?.title).toBe('L1');
    await expect(
      contentReport(pool, co.id, { from: '2026-03-01', to: '2026-03-08', asOf, type: 'video' as never }),
    ).rejects.toThrow(BadInput);
  });

  it("keeps to the tier's history window unless told not to", async () => {
    // pro: 90 days back from 03-10 is 2025-12-11
    expect(await contentReport(pool, co.id, { from: '2025-12-10', to: '2026-03-08', asOf })).toMatchObject({
      ok: false,
      limit: { kind: 'history', allowed: 90 },
    });
    expect(
      unwrap(await contentReport(pool, co.id, { from: '2025-12-10', to: '2026-03-08', asOf, enforceTier: false }))
        .items[0]!.title,
    ).toBe('Start');
  });

  it('sees nothing of another company', async () => {
    const theirs = unwrap(await contentReport(pool, other.id, { from: '2026-03-01', to: '2026-03-08', asOf }));
    expect(theirs.items.map((i) => [i.title, i.views, i.starters])).toEqual([
      ['Theirs', 9, 1],
      ['T1', 9, 1],
    ]);
  });
});
