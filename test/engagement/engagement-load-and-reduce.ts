// The engagement answer computed the other way, for the benchmark: load the rows (activity events of the
// period and the 30 days before it, the revenue rollup's customer spans, every prediction) into Node and
// reduce them there with the pure score of core/engagement. Same definitions, no engagement rollup, no SQL
// aggregates: the baseline Pulse is compared with, and a cross-check that both ways give the same numbers.
import type pg from 'pg';
import { activityBucket, engagementScore } from '../../core/engagement/engagement-score.ts';
import { engagementSettingsFrom } from '../../core/engagement/engagement-settings.ts';
import { reportPeriod, type ReportPeriodInput } from '../../core/engagement/report-period.ts';
import { addDays, dayNumber } from '../../core/period.ts';
import { dayAt, localClock } from './local-clock.ts';

export interface ReducedEngagement {
  ends: Array<{ members: number; active: number; idle: number; dormant: number; atRisk: number; scoreSum: number }>;
  daily: Array<{ day: string; members: number; scoreSum: number }>;
  heatmap: Map<string, number>;
  top: Array<{ memberId: number; score: number }>;
  fading: Array<{ memberId: number; startScore: number; score: number }>;
}

interface DayFacts {
  messages: number;
  progress: number;
  lastMs: number;
}
const messageKinds = new Set(['message', 'forum_post']);
const progressKinds = new Set(['lesson_view', 'lesson_complete']);

export async function engagementByLoadAndReduce(
  pool: pg.Pool,
  companyId: number,
  input: ReportPeriodInput & { limit: number },
): Promise<ReducedEngagement> {
  const co = (await pool.query('select time_zone, settings from companies where id = $1', [companyId])).rows[0];
  const tz: string = co.time_zone;
  const settings = engagementSettingsFrom(co.settings);
  const p = reportPeriod(input, tz);
  const previousEnd = addDays(p.previous.to, -1);
  const [events, spans, predictions, bounds] = await Promise.all([
    pool.query(
      `select member_id::int, kind, occurred_at, value from activity_events where company_id = $1
                and occurred_at >= ($2::date::timestamp at time zone $4) and occurred_at < (($3::date + 1)::timestamp at time zone $4)`,
      [companyId, addDays(previousEnd < p.dayBefore ? previousEnd : p.dayBefore, -29), p.lastDay, tz],
    ),
    pool.query(
      `select member_id::int, to_char(from_day, 'YYYY-MM-DD') as from_day, to_char(to_day, 'YYYY-MM-DD') as to_day
                from customer_mrr_spans where company_id = $1 and mrr_minor > 0`,
      [companyId],
    ),
    pool.query(
      'select member_id::int, scored_at, risk, id::int from churn_predictions where company_id = $1 and scored_at <= $2',
      [companyId, input.asOf],
    ),
    pool.query(
      `select ($1::date::timestamp at time zone $3) as from_at, (($2::date + 1)::timestamp at time zone $3) as to_at`,
      [p.from, p.lastDay, tz],
    ),
  ]);
  const clock = localClock(tz);
  const heatFrom = (bounds.rows[0].from_at as Date).getTime();
  const heatTo = (bounds.rows[0].to_at as Date).getTime();
  const byMember = new Map<number, Map<number, DayFacts>>();
  const heatmap = new Map<string, number>();
  for (const e of events.rows) {
    const ms = (e.occurred_at as Date).getTime();
    const at = clock(ms);
    if (ms >= heatFrom && ms < heatTo)
      heatmap.set(`${at.weekday}:${at.hour}`, (heatmap.get(`${at.weekday}:${at.hour}`) ?? 0) + 1);
    if (e.member_id === null) continue;
    const days = byMember.get(e.member_id) ?? new Map<number, DayFacts>();
    byMember.set(e.member_id, days);
    const f = days.get(at.day) ?? { messages: 0, progress: 0, lastMs: 0 };
    days.set(at.day, f);
    if (messageKinds.has(e.kind)) f.messages++;
    if (progressKinds.has(e.kind)) f.progress += Math.fround(e.value ?? 0);
    f.lastMs = Math.max(f.lastMs, ms);
  }
  const scoreOn = (memberId: number, day: number): { score: number; lastDay: number | null; lastMs: number } => {
    const days = byMember.get(memberId);
    let messages7 = 0,
      visits7 = 0,
      progress30 = 0,
      lastDay: number | null = null,
      lastMs = 0;
    for (let d = day - 29; d <= day && days; d++) {
      const f = days.get(d);
      if (!f) continue;
      if (d > day - 7) {
        messages7 += f.messages;
        visits7++;
      }
      progress30 += f.progress;
      lastDay = d;
      lastMs = Math.max(lastMs, f.lastMs);
    }
    const recencyDays = lastDay === null ? null : day - lastDay;
    return { score: engagementScore({ messages7, visits7, progress30, recencyDays }, settings), lastDay, lastMs };
  };
  const customerSpans = spans.rows.map((r) => ({
    member: r.member_id as number,
    from: dayNumber(r.from_day),
    to: r.to_day === null ? Infinity : dayNumber(r.to_day),
  }));
  const population = (day: number) =>
    new Set(customerSpans.filter((s) => s.from <= day && day < s.to).map((s) => s.member));
  const latestRisk = (cutoffMs: number) => {
    const latest = new Map<number, { ms: number; id: number; risk: string }>();
    for (const r of predictions.rows) {
      const ms = (r.scored_at as Date).getTime();
      const seen = latest.get(r.member_id);
      if (ms <= cutoffMs && (!seen || ms > seen.ms || (ms === seen.ms && r.id > seen.id)))
        latest.set(r.member_id, { ms, id: r.id, risk: r.risk });
    }
    return latest;
  };
  const ends = [p.lastDay, previousEnd].map((end) => {
    const day = dayNumber(end);
    const cutoff = Math.min(input.asOf.getTime(), dayAt(addDays(end, 1), tz));
    const risks = latestRisk(cutoff);
    const out = { members: 0, active: 0, idle: 0, dormant: 0, atRisk: 0, scoreSum: 0 };
    for (const memberId of population(day)) {
      const s = scoreOn(memberId, day);
      out.members++;
      out.scoreSum += s.score;
      out[activityBucket(s.lastDay === null ? null : day - s.lastDay)]++;
      if (['high', 'critical'].includes(risks.get(memberId)?.risk ?? '')) out.atRisk++;
    }
    return out;
  });
  const daily: ReducedEngagement['daily'] = [];
  for (let d = p.from; d <= p.lastDay; d = addDays(d, 1)) {
    const members = population(dayNumber(d));
    let scoreSum = 0;
    for (const memberId of members) scoreSum += scoreOn(memberId, dayNumber(d)).score;
    daily.push({ day: d, members: members.size, scoreSum });
  }
  const end = dayNumber(p.lastDay);
  const states = [...population(end)].map((memberId) => ({
    memberId,
    ...scoreOn(memberId, end),
    startScore: scoreOn(memberId, dayNumber(p.dayBefore)).score,
  }));
  const top = states
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.lastMs - a.lastMs || a.memberId - b.memberId)
    .slice(0, input.limit)
    .map((s) => ({ memberId: s.memberId, score: s.score }));
  const fading = states
    .filter((s) => s.startScore > s.score)
    .sort(
      (a, b) =>
        b.startScore - b.score - (a.startScore - a.score) || b.startScore - a.startScore || a.memberId - b.memberId,
    )
    .slice(0, input.limit)
    .map((s) => ({ memberId: s.memberId, startScore: s.startScore, score: s.score }));
  return { ends, daily, heatmap, top, fading };
}
