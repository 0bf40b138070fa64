// The content answer computed the other way, for the benchmark: load every content interaction of the
// company up to the period's end into Node and reduce there (no rollup, no SQL aggregates), with the
// definitions of core/content. The baseline Pulse is compared with, and a cross-check of its numbers.
import type pg from 'pg';
import { dropOffLesson, type DropOff } from '../../core/content/content-report.ts';
import { reportPeriod, type ReportPeriodInput } from '../../core/engagement/report-period.ts';
import { localClock } from '../engagement/local-clock.ts';

export interface ReducedContentLine {
  views: number;
  uniqueViewers: number;
  completions: number;
  starters: number;
  completers: number;
  timed: number;
  avgSeconds: number | null;
  dropOff: DropOff | null;
}

interface Pair {
  started: number;
  done: number | null;
  last: number;
}
interface Item {
  id: number;
  kind: string;
  parent: number | null;
  position: number | null;
  title: string;
}

export async function contentByLoadAndReduce(
  pool: pg.Pool,
  companyId: number,
  input: ReportPeriodInput,
): Promise<Map<number, ReducedContentLine>> {
  const tz: string = (await pool.query('select time_zone from companies where id = $1', [companyId])).rows[0].time_zone;
  const p = reportPeriod(input, tz);
  const [itemRows, bounds] = await Promise.all([
    pool.query(
      'select id::int, kind, parent_id::int as parent, position, title from content_items where company_id = $1',
      [companyId],
    ),
    pool.query(`select ($1::date::timestamp at time zone $3) as lo, ($2::date::timestamp at time zone $3) as hi`, [
      p.from,
      p.to,
      tz,
    ]),
  ]);
  const lo = (bounds.rows[0].lo as Date).getTime();
  const hi = (bounds.rows[0].hi as Date).getTime();
  const events = await pool.query(
    `select member_id::int, content_item_id::int as item, kind, occurred_at from activity_events
     where company_id = $1 and content_item_id is not null and occurred_at < $2`,
    [companyId, new Date(hi)],
  );
  const items = new Map<number, Item>(itemRows.rows.map((r: Item) => [r.id, r]));
  const lessonsOf = new Map<number, Item[]>();
  for (const it of items.values())
    if (it.kind === 'lesson' && it.parent !== null) lessonsOf.set(it.parent, [...(lessonsOf.get(it.parent) ?? []), it]);
  const clock = localClock(tz);
  const out = new Map<number, ReducedContentLine>(
    [...items.keys()].map((id) => [
      id,
      {
        views: 0,
        uniqueViewers: 0,
        completions: 0,
        starters: 0,
        completers: 0,
        timed: 0,
        avgSeconds: null,
        dropOff: null,
      },
    ]),
  );
  const viewers = new Map<number, Set<number>>();
  const doneByDay = new Set<string>();
  const pairs = new Map<string, Pair>();
  for (const e of events.rows) {
    const ms = (e.occurred_at as Date).getTime();
    const course = items.get(e.item)?.kind === 'lesson' ? items.get(e.item)!.parent : null;
    for (const id of course === null ? [e.item] : [e.item, course]) {
      if (ms < lo || !out.has(id)) continue;
      out.get(id)!.views++;
      if (e.member_id !== null) viewers.set(id, (viewers.get(id) ?? new Set()).add(e.member_id));
    }
    if (e.member_id === null) continue;
    if (ms >= lo && e.kind === 'lesson_complete') doneByDay.add(`${e.item}:${clock(ms).day}:${e.member_id}`);
    const key = `${e.member_id}:${e.item}`;
    const pair = pairs.get(key) ?? { started: ms, done: null, last: ms };
    pairs.set(key, pair);
    pair.started = Math.min(pair.started, ms);
    pair.last = Math.max(pair.last, ms);
    if (e.kind === 'lesson_complete') pair.done = pair.done === null ? ms : Math.min(pair.done, ms);
  }
  for (const key of doneByDay) out.get(Number(key.split(':')[0]))!.completions++;
  for (const [id, set] of viewers) out.get(id)!.uniqueViewers = set.size;
  // course pairs from lesson pairs
  const members = new Set([...pairs.keys()].map((k) => Number(k.split(':')[0])));
  const stops = new Map<number, Map<number, number>>();
  for (const [courseId, lessons] of lessonsOf) {
    const ordered = [...lessons].sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
    for (const m of members) {
      const mine = ordered.map((l) => ({ l, pair: pairs.get(`${m}:${l.id}`) })).filter((x) => x.pair);
      if (mine.length === 0) continue;
      const allDone = mine.length === ordered.length && mine.every((x) => x.pair!.done !== null);
      const done = allDone ? Math.max(...mine.map((x) => x.pair!.done!)) : null;
      pairs.set(`${m}:${courseId}`, {
        started: Math.min(...mine.map((x) => x.pair!.started)),
        done,
        last: Math.max(...mine.map((x) => x.pair!.last)),
      });
      if (done !== null && done >= lo) out.get(courseId)!.completions++;
      const furthest = mine[mine.length - 1]!.l;
      if (Math.min(...mine.map((x) => x.pair!.started)) >= lo && furthest !== ordered[ordered.length - 1]) {
        const perLesson = stops.get(courseId) ?? new Map<number, number>();
        stops.set(courseId, perLesson.set(furthest.id, (perLesson.get(furthest.id) ?? 0) + 1));
      }
    }
  }
  const sums = new Map<number, number>();
  for (const [key, pair] of pairs) {
    const line = out.get(Number(key.split(':')[1]));
    if (!line || pair.started < lo) continue;
    const id = Number(key.split(':')[1]);
    line.starters++;
    if (pair.done !== null) line.completers++;
    if (pair.done !== null && pair.done > pair.started) {
      line.timed++;
      sums.set(id, (sums.get(id) ?? 0) + (pair.done - pair.started) / 1000);
    }
  }
  for (const [id, line] of out) {
    if (line.timed > 0) line.avgSeconds = sums.get(id)! / line.timed;
    if (items.get(id)!.kind === 'course') {
      const perLesson = [...(stops.get(id) ?? new Map<number, number>())].map(([lessonId, stopped]) => ({
        lessonId,
        stopped,
        position: items.get(lessonId)!.position ?? 0,
        title: items.get(lessonId)!.title,
      }));
      line.dropOff = dropOffLesson(perLesson, line.starters);
    }
  }
  return out;
}
