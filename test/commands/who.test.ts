// "Who?" on /revenue and /churn, and /revenue by plan, on the hand-built chat world (world.ts). Company A,
// last 30 days (17 May – 15 June, UTC): new Ben $30 (20 May) and Dan $30 (14 June), churn Cat $10 (20 May),
// Ann $10 throughout; Ann is scored critical and Ben medium. A fourth company (free tier) has 55 members
// who joined on 10 June, to page the list and meet the free plan's cap of 50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../bot/answer.ts';
import { parseActionId } from '../../bot/parts/action-ids.ts';
import { money, signedMoney } from '../../bot/parts/format.ts';
import { runAction, runCommand } from '../../bot/interactions/dispatch.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { admin, buildWorld, GUILD_A, GUILD_B, member, moderator, request, type World } from './world.ts';

const GUILD_D = '444444444444444444';
let w: World;
let plans: { ten: string; thirty: string };
beforeAll(async () => {
  w = await buildWorld();
  const d = await fixtures(w.pool).company({ name: 'Delta Dojo', tier: 'free' });
  const plan = await d.plan({ price: 500, periodDays: 30, title: 'Dojo monthly' });
  for (let i = 1; i <= 55; i++)
    await d.subscribe(await d.member({ name: `Delta Member ${String(i).padStart(2, '0')}` }), plan, {
      at: '2026-06-10T10:00:00Z',
    });
  await linkWorkspace(w.pool, {
    platform: 'discord',
    externalId: GUILD_D,
    companyId: d.id,
    linkedBy: 'discord:u-admin',
  });
  const { rows } = await w.pool.query<{ whop_id: string; renewal_price_minor: string }>(
    'select whop_id, renewal_price_minor from plans where company_id = $1',
    [w.a.id],
  );
  const byPrice = (p: number) => rows.find((r) => Number(r.renewal_price_minor) === p)!.whop_id;
  plans = { ten: byPrice(1000), thirty: byPrice(3000) };
}, 120_000);
afterAll(async () => {
  await w?.close();
});

/** Money as the chat writes it (amounts worked out by hand). */
const m = (minor: number) => money(minor, 'usd');
const cells = (a: Answer) => a.tables[0]?.rows.map((r) => [r.n, r.member, r.plan, r.day, r.amount]);
const who = (guild: string, value: string, actor = moderator, period = 'last_30_days') =>
  runAction(w.deps, { ...request(guild, actor), actionId: `p1:who:rev:${period}`, values: [value] });

describe('"Who?" on /revenue', () => {
  it('offers every movement and count with its amount', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: {} });
    const select = a.components[1]![0]!;
    expect(select).toMatchObject({ type: 'select', id: 'p1:who:rev:last_30_days' });
    if (select.type !== 'select') throw new Error('not a select');
    expect(select.options.map((o) => [o.value, o.label])).toEqual([
      ['new', `New · ${m(6000)}`],
      ['reactivation', `Reactivation · ${m(0)}`],
      ['expansion', `Expansion · ${m(0)}`],
      ['contraction', `Contraction · ${m(0)}`],
      ['churn', `Churn · ${m(1000)}`],
      ['past_due', `Past due · ${m(0)}`],
      ['recovered_payments', `Recovered payments · ${m(0)}`],
      ['refunds', `Refunds · ${m(0)}`],
    ]);
  });

  it('lists the members behind a movement privately, adding up to the figure', async () => {
    const r = await who(GUILD_A, 'new');
    expect(r.mode).toBe('reply');
    expect([r.answer.visibility, r.answer.memberLevel, r.answer.title]).toEqual([
      'ephemeral',
      true,
      'Who? · New · Last 30 days',
    ]);
    expect(r.answer.summary).toBe(`New: ${m(6000)} from 2 memberships of 2 customers.`);
    expect(cells(r.answer)).toEqual([
      ['1', 'Ben Example', plans.thirty, '20 May 2026', m(3000)],
      ['2', 'Dan Example', plans.thirty, '14 Jun 2026', m(3000)],
    ]);
    const churn = await who(GUILD_A, 'churn');
    expect(cells(churn.answer)).toEqual([['1', 'Cat Example', plans.ten, '20 May 2026', m(1000)]]);
    const none = await who(GUILD_A, 'refunds');
    expect([none.answer.summary, none.answer.tables]).toEqual([`Nobody: refunds is ${m(0)} in this period.`, []]);
  });

  it("shows another workspace only its own company's members", async () => {
    const r = await who(GUILD_B, 'new', admin);
    // B: Zed's $999 plan from 1 June.
    expect(cells(r.answer)?.map((row) => row[1])).toEqual(['Zed Secret']);
    expect(JSON.stringify(r.answer)).not.toMatch(/Example/);
  });

  it('refuses people without access, naming nobody', async () => {
    const r = await who(GUILD_A, 'new', member);
    expect(r.answer.title).toBe('Pulse is for the team');
    expect(JSON.stringify(r.answer)).not.toMatch(/Example/);
  });

  it("pages ten at a time and stops at the free plan's 50", async () => {
    const first = await who(GUILD_D, 'new', admin, 'last_7_days');
    expect(first.answer.summary).toBe(`New: ${m(27_500)} from 55 memberships of 55 customers.`);
    expect(first.answer.tables[0]!.page).toEqual({ index: 0, count: 5, total: 50 });
    expect(first.answer.notices[0]).toBe(
      'The free plan lists 50 members; 5 more are counted in the totals but not listed. Upgrade to see everyone.',
    );
    expect(first.answer.components).toEqual([
      [{ type: 'button', id: 'p1:who:rev:last_7_days:new:1', label: 'Page 2 ▶', style: 'secondary' }],
    ]);
    const last = await runAction(w.deps, { ...request(GUILD_D, admin), actionId: 'p1:who:rev:last_7_days:new:4' });
    expect(last.mode).toBe('update');
    expect(last.answer.tables[0]!.rows.map((r) => r.n)).toEqual([
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '47',
      '48',
      '49',
      '50',
    ]);
    expect(last.answer.components).toEqual([
      [{ type: 'button', id: 'p1:who:rev:last_7_days:new:3', label: '◀ Page 4', style: 'secondary' }],
    ]);
    const beyond = await runAction(w.deps, { ...request(GUILD_D, admin), actionId: 'p1:who:rev:last_7_days:new:9' });
    expect(beyond.answer.tables[0]!.page?.index).toBe(4);
  });

  it('reads only ids it made: a figure or period it does not offer is refused', () => {
    expect(parseActionId('p1:who:rev:last_30_days:churn:2')).toEqual({
      kind: 'who-revenue',
      period: 'last_30_days',
      figure: 'churn',
      page: 2,
    });
    for (const id of ['p1:who:rev:forever', 'p1:who:rev:last_30_days:mrr_end:0', 'p1:who:rev:last_30_days:churn:x']) {
      expect(() => parseActionId(id)).toThrow(/no longer valid/);
    }
  });
});

describe('"Who?" on /churn', () => {
  it('offers the four risk levels with their counts, then lists the chosen one privately', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A, moderator), name: 'churn', options: {} });
    expect(a.components.at(-1)).toEqual([
      { type: 'button', id: 'p1:who:churn', label: 'Who? By risk level', style: 'secondary' },
    ]);
    const pick = await runAction(w.deps, { ...request(GUILD_A, moderator), actionId: 'p1:who:churn' });
    expect([pick.mode, pick.answer.visibility]).toEqual(['reply', 'ephemeral']);
    const select = pick.answer.components[0]![0]!;
    if (select.type !== 'select') throw new Error('not a select');
    expect(select.options.map((o) => [o.value, o.label])).toEqual([
      ['critical', 'Critical (over 70%): 1'],
      ['high', 'High (50–70%): 0'],
      ['medium', 'Medium (30–50%): 1'],
      ['low', 'Low: 0'],
    ]);
    const medium = await runAction(w.deps, {
      ...request(GUILD_A, moderator),
      actionId: 'p1:who:risk',
      values: ['medium'],
    });
    expect([medium.mode, medium.answer.visibility, medium.answer.memberLevel]).toEqual(['update', 'ephemeral', true]);
    expect(medium.answer.tables[0]!.rows.map((r) => [r.member, r.risk, r.p])).toEqual([
      ['Ben Example', 'medium', '40%'],
    ]);
    const low = await runAction(w.deps, { ...request(GUILD_A, moderator), actionId: 'p1:who:risk', values: ['low'] });
    expect(low.answer.summary).toBe('No member at low risk right now (2 scored).');
    const refused = await runAction(w.deps, {
      ...request(GUILD_A, member),
      actionId: 'p1:who:risk',
      values: ['critical'],
    });
    expect(JSON.stringify(refused.answer)).not.toMatch(/Ann Example/);
  });
});

describe('/revenue by plan', () => {
  it('adds the period per plan, and the period select keeps it', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: { by: 'plan' } });
    expect(a.title).toBe('Revenue by plan · Last 30 days');
    // $30 plan: Ben + Dan new, 6000 at the end; $10 plan: Ann 1000, Cat churned 1000. (Amounts by hand; the
    // chat's own formatter writes them.)
    const s = (minor: number) => signedMoney(minor, 'usd');
    expect(a.tables[0]!.rows).toEqual([
      {
        name: plans.thirty,
        mrr: m(6000),
        added: s(6000),
        exp: s(0),
        contr: s(0),
        churn: s(0),
        moved: s(0),
        customers: '2',
        arpu: m(3000),
      },
      {
        name: plans.ten,
        mrr: m(1000),
        added: s(0),
        exp: s(0),
        contr: s(0),
        churn: s(-1000),
        moved: s(0),
        customers: '1',
        arpu: m(1000),
      },
    ]);
    expect(a.notices.join(' ')).toMatch(/Customers do not add up/);
    expect(a.memberLevel).toBe(false);
    const select = a.components[0]![0]!;
    expect(select).toMatchObject({ type: 'select', id: 'p1:period:revenue:plan' });
    const month = await runAction(w.deps, {
      ...request(GUILD_A),
      actionId: 'p1:period:revenue:plan',
      values: ['this_month'],
    });
    expect(month.answer.title).toBe('Revenue by plan · This month');
    const bad = await runCommand(w.deps, { ...request(GUILD_A), name: 'revenue', options: { by: 'country' } });
    expect(bad.summary).toMatch(/by must be plan or product/);
  });
});
