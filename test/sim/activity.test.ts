// The simulated community behaves like one: engagement drives churn and fades before it, activity follows
// the clock, courses lose viewers lesson by lesson, and the ground truth hazard ranks real churners.
import { describe, expect, it } from 'vitest';
import { community, DAY, END, groupBy, ms } from './sim-fixture.ts';

function auc(scores: number[], labels: boolean[]): number {
  const pos = scores.filter((_, i) => labels[i]);
  const neg = scores.filter((_, i) => !labels[i]);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('simulated activity and churn', () => {
  const sim = community();
  const events = new Map<string, number[]>();
  const add = (user: string, t: number) => (events.get(user) ?? events.set(user, []).get(user)!).push(t);
  for (const v of sim.visits) add(v.userId, v.at);
  for (const m of sim.messages) add(m.message.user.id, ms(m.message.created_at));
  for (const p of sim.forumPosts) add(p.post.user.id, ms(p.post.created_at));
  for (const i of sim.lessonInteractions) add(i.user.id, ms(i.created_at));
  const count = (user: string, from: number, to: number) =>
    (events.get(user) ?? []).filter((t) => t >= from && t < to).length;
  const recurring = new Set(sim.plans.filter((p) => p.plan_type === 'renewal' && p.renewal_price > 0).map((p) => p.id));

  it('has plenty of activity of every kind', () => {
    expect(sim.visits.length).toBeGreaterThan(100_000);
    expect(sim.messages.length).toBeGreaterThan(50_000);
    expect(sim.forumPosts.length).toBeGreaterThan(5_000);
    expect(sim.lessonInteractions.length).toBeGreaterThan(5_000);
    const channels = new Set(sim.channels.map((c) => c.id));
    expect(sim.messages.every((m) => channels.has(m.channel_id))).toBe(true);
    const posts = new Map(sim.forumPosts.map((p) => [p.post.id, p.post]));
    const comments = sim.forumPosts.filter((p) => p.post.parent_id !== null);
    expect(comments.length).toBeGreaterThan(100);
    for (const c of comments) expect(posts.get(c.post.parent_id!)!.created_at <= c.post.created_at).toBe(true);
  });

  it('churns low-engagement members more (engagement measured from the activity data)', () => {
    const rows: Array<{ rate: number; churned: boolean }> = [];
    for (const m of sim.memberships) {
      if (!recurring.has(m.plan.id) || m.status === 'trialing') continue;
      const start = ms(m.created_at);
      const ended = m.status === 'canceled' || m.status === 'expired';
      const endAt = ended ? ms(m.canceled_at ?? m.updated_at) : ms(END);
      if (endAt - start < 45 * DAY) continue;
      rows.push({ rate: count(m.user!.id, start, start + 30 * DAY), churned: ended });
    }
    rows.sort((a, b) => a.rate - b.rate);
    const q = Math.floor(rows.length / 4);
    const churnRate = (part: typeof rows) => part.filter((r) => r.churned).length / part.length;
    const low = churnRate(rows.slice(0, q));
    const high = churnRate(rows.slice(-q));
    expect(rows.length).toBeGreaterThan(800);
    expect(low).toBeGreaterThan(high * 1.4);
  });

  it('shows engagement fading before a cancellation', () => {
    let before = 0;
    let earlier = 0;
    let n = 0;
    for (const m of sim.memberships) {
      if (!m.canceled_at || !recurring.has(m.plan.id)) continue;
      const c = ms(m.canceled_at);
      if (c - ms(m.created_at) < 150 * DAY) continue;
      before += count(m.user!.id, c - 30 * DAY, c);
      earlier += count(m.user!.id, c - 150 * DAY, c - 120 * DAY);
      n++;
    }
    expect(n).toBeGreaterThan(100);
    expect(before).toBeLessThan(earlier * 0.75);
  });

  it('follows the daily and weekly rhythm', () => {
    const byHour = new Array<number>(24).fill(0);
    const byDay = new Array<number>(7).fill(0);
    for (const v of sim.visits) {
      const d = new Date(v.at);
      byHour[d.getUTCHours()]!++;
      byDay[d.getUTCDay()]!++;
    }
    const evening = byHour.slice(18, 23).reduce((a, b) => a + b, 0);
    const night = byHour.slice(2, 7).reduce((a, b) => a + b, 0);
    expect(evening).toBeGreaterThan(night * 3);
    expect(byDay[2]!).toBeGreaterThan(byDay[6]! * 1.25);
  });

  it('loses course viewers lesson by lesson', () => {
    for (const course of sim.courses) {
      const lessons = sim.lessons
        .filter((l) => l.course_id === course.id)
        .sort((a, b) => a.lesson.order - b.lesson.order);
      const viewers = lessons.map(
        (l) => new Set(sim.lessonInteractions.filter((i) => i.lesson.id === l.lesson.id).map((i) => i.user.id)).size,
      );
      for (let i = 1; i < viewers.length; i++) expect(viewers[i]!).toBeLessThanOrEqual(viewers[i - 1]!);
      expect(viewers[viewers.length - 1]!).toBeLessThan(viewers[0]! * 0.6);
      expect(viewers[0]!).toBeGreaterThan(200);
    }
    const completed = sim.lessonInteractions.filter((i) => i.completed).length / sim.lessonInteractions.length;
    expect(completed).toBeGreaterThan(0.5);
    expect(completed).toBeLessThan(0.98);
  });

  it('grows, with seasonal sign-ups', () => {
    const joins = groupBy(sim.members, (m) => m.joined_at.slice(0, 7));
    const months = [...joins.keys()].sort();
    const n = (k: string) => joins.get(k)?.length ?? 0;
    const firstYear = months.slice(1, 12).reduce((s, k) => s + n(k), 0);
    const secondYear = months.slice(13, 24).reduce((s, k) => s + n(k), 0);
    expect(secondYear).toBeGreaterThan(firstYear * 1.4);
    expect(n('2026-01')).toBeGreaterThan(n('2025-12'));
    expect(n('2026-01')).toBeGreaterThan(n('2026-07'));
  });

  it('exposes a ground-truth hazard that ranks the churners of the next 30 days', () => {
    for (const cut of ['2026-04-01T00:00:00.000Z', END]) {
      const scores: number[] = [];
      const labels: boolean[] = [];
      for (const t of sim.truth) {
        const snap = t.snapshots.find((s) => s.at === cut);
        if (!snap?.subscribed) continue;
        expect(snap.hazard30d).toBeGreaterThanOrEqual(0);
        expect(snap.hazard30d).toBeLessThanOrEqual(1);
        scores.push(snap.hazard30d);
        labels.push(t.churns.some((c) => c.churnedAt > cut && ms(c.churnedAt) <= ms(cut) + 30 * DAY));
      }
      const rate = labels.filter(Boolean).length / labels.length;
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      expect(auc(scores, labels)).toBeGreaterThan(0.75);
      expect(Math.abs(mean - rate)).toBeLessThan(0.03);
      expect(rate).toBeGreaterThan(0.03);
    }
  });
});
