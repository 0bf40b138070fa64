// /revenue and /engagement on a hand-built company (test/commands/world.ts), every figure worked out by
// hand from docs/metrics.md; the period select re-renders the answer; a free tier's period is cut to its window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../bot/answer.ts';
import { runAction, runCommand } from '../../bot/interactions/dispatch.ts';
import { buildWorld, GUILD_A, GUILD_C, request, type World } from './world.ts';
import { askOperatorText } from '../../bot/parts/upgrade-links.ts';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => {
  await w?.close();
});

const field = (a: Answer, label: string) => a.fields.find((f) => f.label === label)?.value;

describe('/revenue', () => {
  it('shows the last 30 days: MRR, ARR, movements, rates, ARPU, quick ratio', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: {} });
    expect(a.title).toBe('Revenue · Last 30 days');
    // Period 17 May – 15 June (UTC). Start (end of 16 May): Ann 1000 + Cat 1000 = 2000. End (end of 15 June):
    // Ann 1000 + Ben 3000 + Dan 3000 = 7000 -> +5000 = +250%. ARR 7000 * 12.
    expect(field(a, 'MRR')).toBe('$70\n+$50 (+250%) in the period');
    expect(field(a, 'ARR')).toBe('$840');
    // New: Ben 3000 (20 May) + Dan 3000 (14 June); churn: Cat 1000 (20 May). Previous period (17 Apr – 16 May):
    // new Cat 1000 only.
    expect(field(a, 'Net new MRR')).toBe('+$50\nprevious period +$10');
    expect(field(a, 'MRR movements')).toBe('New +$60 · Expansion $0 · Reactivated $0 · Contraction $0 · Churned −$10');
    expect(field(a, 'Customers')).toBe('3 (+1)');
    // Cat of the 2 customers at the start; (churn 1000 + contraction 0) / 2000. Previous: Ann alone, nobody left.
    expect(field(a, 'Customer churn')).toBe('50% (previous 0%)');
    expect(field(a, 'Revenue churn')).toBe('50% (previous 0%)');
    // 7000 / 3 = 2333.33 -> 2333 cents; (6000 + 0 + 0) / (1000 + 0).
    expect(field(a, 'ARPU')).toBe('$23.33');
    expect(field(a, 'Quick ratio')).toBe('6.00');
    expect(a.tone).toBe('good');
    expect(a.visibility).toBe('public');
    expect(a.memberLevel).toBe(false);
    expect(a.footer.period).toBe('17 May 2026 – 15 Jun 2026 (UTC)');
    expect(a.footer.freshness).toMatch(/^data as of 15 Jun 2026 12:00 UTC, not synced from Whop yet$/);
  });

  it('charts MRR from the day before the period with a 30-day forecast band, and gives its numbers', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: { period: 'last_30_days' } });
    const chart = a.charts[0]!;
    expect(chart.spec.kind).toBe('mrr');
    if (chart.spec.kind !== 'mrr') throw new Error('not an MRR chart');
    const { history, forecast } = chart.spec.data;
    expect(history).toHaveLength(31);
    expect(history[0]).toEqual({ date: '2026-05-16', mrr: 2000 });
    expect(history.find((p) => p.date === '2026-05-20')?.mrr).toBe(4000); // Cat gone, Ben in
    expect(history.at(-1)).toEqual({ date: '2026-06-15', mrr: 7000 });
    expect(forecast).toHaveLength(30);
    expect(forecast![0]!.date).toBe('2026-06-16');
    for (const p of forecast!) expect(p.lower).toBeLessThanOrEqual(p.upper);
    expect(chart.numbers).toContain('MRR 16 May 2026: $20');
    expect(chart.numbers).toContain('MRR 15 Jun 2026: $70');
    expect(chart.numbers).toContain('Lowest $20, highest $70');
    expect(chart.numbers).toMatch(/Forecast 15 Jul 2026: /);
  });

  it('offers a period select whose choice re-renders the answer in place', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: {} });
    const select = a.components[0]![0]!;
    expect(select).toMatchObject({ type: 'select', id: 'p1:period:revenue' });
    if (select.type !== 'select') throw new Error('no select');
    expect(select.options.find((o) => o.default)?.value).toBe('last_30_days');
    const clicked = await runAction(w.deps, {
      ...request(GUILD_A),
      actionId: 'p1:period:revenue',
      values: ['this_month'],
    });
    expect(clicked.mode).toBe('update');
    expect(clicked.answer.title).toBe('Revenue · This month');
    // 1-15 June: start (end of 31 May) Ann + Ben = 4000; Dan +3000 on 14 June.
    expect(field(clicked.answer, 'MRR')).toBe('$70\n+$30 (+75%) in the period');
    expect(clicked.answer.footer.period).toBe('1 Jun 2026 – 15 Jun 2026 (UTC)');
  });

  it('a bad period is a clear message, not an error', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: { period: 'forever' } });
    expect(a.title).toBe('Pulse could not do that');
    expect(a.summary).toMatch(
      /^period must be one of: last 7 days, last 30 days, last 90 days, this month, last month, this year$/,
    );
    expect(a.reference).toBeUndefined();
  });

  it("cuts a free plan's period to its 7 days and says so", async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_C), name: 'revenue', options: { period: 'last_90_days' } });
    expect(a.title).toBe('Revenue · Last 90 days');
    expect(a.footer.period).toBe('9 Jun 2026 – 15 Jun 2026 (UTC)');
    // No Pulse plans are configured here: the upgrade notice says how to ask the operator.
    expect(a.notices).toEqual([
      'The free plan keeps 7 days of history, so this shows 2026-06-09 to 2026-06-15. Upgrade for more.',
      askOperatorText,
    ]);
    expect(field(a, 'MRR')).toBe('$0\n$0 in the period');
  });
});

describe('/engagement', () => {
  it('counts active, idle, at-risk and members with their change, and the average score', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A, undefined, 'staff-a'), name: 'engagement', options: {} });
    // End (15 June): counted Ann, Ben, Dan. Ann active (1 day), Ben idle (last visit 5 June), Dan never active.
    // End of the previous period (16 May): Ann (active, 6 days) and Cat (idle, 15 days).
    expect(field(a, 'Active')).toBe('1 (±0)');
    expect(field(a, 'Idle')).toBe('1 (±0)');
    expect(field(a, 'Members')).toBe('3 (+1)');
    // Ann critical in the 14 June scoring; nobody scored before 16 May.
    expect(field(a, 'At risk')).toBe('1 (+1)');
    // Scores on 15 June: Ann 100*(0.3*1 + 0.2*1/7 + 0.2*(1-1/30)) = 52.2 -> 52; Ben 100*0.2*(1-10/30) = 13.3 -> 13;
    // Dan 0: (52+13+0)/3 = 21.67. On 16 May: Ann 100*(0.3 + 0.2/7 + 0.2*(1-6/30)) = 48.9 -> 49, Cat
    // 100*0.2*(1-15/30) = 10: 29.5. Change -7.83.
    expect(field(a, 'Average score')).toBe('21.7/100 (-7.8)');
    // Last activity: Ann 14 June 09:30 (26.5 h before noon on the 15th), Ben 5 June 10:00.
    expect(a.tables[0]!.rows).toEqual([
      { name: 'Ann Example', score: '52', last: '27 h ago', status: 'active' },
      { name: 'Ben Example', score: '13', last: '10 days ago', status: 'idle' },
    ]);
    // Nobody's score fell from 16 May: Ann 49 -> 52, Ben and Dan 0 -> 13 and 0.
    expect(a.tables[1]!.rows).toEqual([]);
  });

  it('charts the daily average score and the weekday x hour heat map', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A, undefined, 'staff-a'), name: 'engagement', options: {} });
    const [line, heat] = a.charts;
    if (line?.spec.kind !== 'engagement' || heat?.spec.kind !== 'heatmap') throw new Error('wrong charts');
    expect(line.spec.data.days).toHaveLength(30);
    expect(line.spec.data.days.at(-1)).toEqual({ date: '2026-06-15', averageScore: 65 / 3 });
    // 10 messages 00:30-09:30 on Sunday 14 June (weekday index 6), the content visits at 10:00 on 1-7 June.
    const counts = heat.spec.data.counts;
    expect(counts[6]![0]).toBe(1);
    expect(counts.flat().reduce((s, n) => s + n, 0)).toBe(10 + 7);
    expect(heat.numbers).toContain('17 events in the period');
  });

  it('names members, so it is private outside the staff channel and public in it', async () => {
    const outside = await runCommand(w.deps, {
      ...request(GUILD_A, undefined, 'general'),
      name: 'engagement',
      options: {},
    });
    expect(outside.memberLevel).toBe(true);
    expect(outside.visibility).toBe('ephemeral');
    const inside = await runCommand(w.deps, {
      ...request(GUILD_A, undefined, 'staff-a'),
      name: 'engagement',
      options: {},
    });
    expect(inside.visibility).toBe('public');
  });
});
