// /content (ranking, one item's detail, autocomplete over titles), /ask with and without the coach, and
// /report link, /report revoke and the profile button through the real report-link service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, runAutocomplete, runCommand } from '../../bot/interactions/dispatch.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { createCoach } from '../../core/coach/index.ts';
import { createReportLinks } from '../../core/reports/index.ts';
import { buildWorld, GUILD_A, GUILD_B, moderator, request, SECRET, STAFF_A, type World } from './world.ts';

let w: World;
let withServices: BotDeps;
beforeAll(async () => {
  w = await buildWorld();
  const reports = createReportLinks({
    db: w.pool,
    secret: SECRET,
    publicUrl: 'http://127.0.0.1:3000',
    now: w.deps.now,
  });
  const coach = createCoach({ db: w.pool, config: w.config, now: w.deps.now, log: w.deps.log });
  withServices = { ...w.deps, reports, coach };
});
afterAll(async () => {
  await w?.close();
});

describe('/content', () => {
  it('ranks items by views with completion and drop-off, and charts them', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'content', options: {} });
    // Welcome post: Ann 3 + Ben 2 visits; Rules: Ann 2 (1-7 June, inside the last 30 days). Posts have no completion.
    expect(a.tables[0]!.rows).toEqual([
      { n: '1', title: 'Welcome post', kind: 'post', views: '5', completions: '0', rate: '—', drop: '—' },
      { n: '2', title: 'Rules', kind: 'post', views: '2', completions: '0', rate: '—', drop: '—' },
    ]);
    expect(a.summary).toBe('2 items viewed, 7 views in all. Types with data: post.'); // both items are posts
    expect(a.charts[0]!.spec).toEqual({
      kind: 'content',
      data: {
        items: [
          { title: 'Welcome post', type: 'post', views: 5, completionRate: null },
          { title: 'Rules', type: 'post', views: 2, completionRate: null },
        ],
      },
    });
    expect(a.charts[0]!.numbers).toBe('1. Welcome post: 5 views, completion —\n2. Rules: 2 views, completion —');
  });

  it("suggests items by title and shows one item's detail (by id from Discord, by title from Slack)", async () => {
    const found = await runAutocomplete(w.deps, {
      ...request(GUILD_A),
      name: 'content',
      option: 'item',
      typed: 'rul',
      options: {},
    });
    expect(found).toEqual([{ name: 'Rules (post)', value: String(w.content.rules) }]);
    const byId = await runCommand(w.deps, {
      ...request(GUILD_A),
      name: 'content',
      options: { item: String(w.content.rules) },
    });
    const byTitle = await runCommand(w.deps, { ...request(GUILD_A), name: 'content', options: { item: 'rules' } });
    expect(byTitle).toEqual(byId);
    expect(byId.title).toBe('Rules (post)');
    expect(byId.summary).toBe('#2 of 2 items by views in last 30 days.');
    expect(byId.fields.find((f) => f.label === 'Views')?.value).toBe('2');
    expect(byId.fields.find((f) => f.label === 'Unique viewers')?.value).toBe('1');
    const foreign = await runCommand(w.deps, {
      ...request(GUILD_B),
      name: 'content',
      options: { item: String(w.content.rules) },
    });
    expect(foreign.summary).toBe('No content item here matches "' + w.content.rules + '".');
  });
});

describe('/ask', () => {
  it('says the coach is not configured when the install has none', async () => {
    const a = await runCommand(w.deps, {
      ...request(GUILD_A),
      name: 'ask',
      options: { question: 'How can I reduce churn?' },
    });
    expect(a.title).toBe('The coach is not configured');
  });

  it('answers through the coach with who answered in the footer', async () => {
    const a = await runCommand(withServices, {
      ...request(GUILD_A, moderator, STAFF_A),
      name: 'ask',
      options: { question: 'Why is my revenue down this month?' },
    });
    expect(a.title).toBe('Why is my revenue down this month?');
    expect(a.summary!.length).toBeGreaterThan(20);
    expect(a.footer.model).toBe('answered by offline analyst');
    const { rows } = await w.pool.query<{ questions: number }>(
      'select questions from coach_usage where company_id = $1',
      [w.a.id],
    );
    expect(rows[0]!.questions).toBe(1);
  });
});

describe('/report', () => {
  it('says report links are not configured without the service', async () => {
    const a = await runCommand(w.deps, { ...request(GUILD_A), name: 'report link', options: {} });
    expect(a.title).toBe('Report links are not configured');
  });

  it('makes a private, expiring link and revokes it', async () => {
    const a = await runCommand(withServices, {
      ...request(GUILD_A, moderator),
      name: 'report link',
      options: { kind: 'revenue', expires: 3 },
    });
    expect(a.visibility).toBe('ephemeral');
    expect(a.summary).toMatch(/^Anyone with this link can see the revenue report until 18 Jun 2026 12:00 UTC\./);
    const link = a.components[0]![0]!;
    if (link.type !== 'link') throw new Error('no link');
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/r\//);
    const live = await withServices.reports!.list(w.a.id);
    expect(live).toEqual([expect.objectContaining({ kind: 'revenue', createdBy: 'discord:u-mod' })]);
    const choices = await runAutocomplete(withServices, {
      ...request(GUILD_A),
      name: 'report revoke',
      option: 'link',
      typed: '',
      options: {},
    });
    expect(choices.map((c) => c.value)).toEqual([live[0]!.tokenId]);
    // Guild B cannot revoke A's link.
    const foreign = await runCommand(withServices, {
      ...request(GUILD_B),
      name: 'report revoke',
      options: { link: link.url },
    });
    expect(foreign.title).toBe('Pulse could not do that');
    expect(await withServices.reports!.list(w.a.id)).toHaveLength(1);
    const revoked = await runCommand(withServices, {
      ...request(GUILD_A),
      name: 'report revoke',
      options: { link: link.url },
    });
    expect(revoked.title).toBe('Report link revoked');
    expect(await withServices.reports!.list(w.a.id)).toEqual([]);
  });

  it("makes a member's profile link from the member option, suggesting only this company's members", async () => {
    const found = await runAutocomplete(withServices, {
      ...request(GUILD_A),
      name: 'report link',
      option: 'member',
      typed: 'ann',
      options: {},
    });
    expect(found[0]).toEqual(expect.objectContaining({ value: String(w.members.ann) }));
    expect(found[0]!.name).toMatch(/^Ann Example \(user_/);
    const fromB = await runAutocomplete(withServices, {
      ...request(GUILD_B),
      name: 'report link',
      option: 'member',
      typed: 'ann',
      options: {},
    });
    expect(fromB.map((m) => m.value)).not.toContain(String(w.members.ann));
    const a = await runCommand(withServices, {
      ...request(GUILD_A),
      name: 'report link',
      options: { member: String(w.members.ann) },
    });
    expect(a.title).toBe('Profile report link: Ann Example');
    expect(a.memberLevel).toBe(true);
    expect(a.visibility).toBe('ephemeral');
    const { rows } = await w.pool.query<{ params: { memberId: number } }>(
      `select params from report_links where company_id = $1 and kind = 'member'`,
      [w.a.id],
    );
    expect(rows).toEqual([{ params: { memberId: w.members.ann } }]);
    // Company A's member id typed in guild B names nobody there.
    const foreign = await runCommand(withServices, {
      ...request(GUILD_B),
      name: 'report link',
      options: { member: String(w.members.ann) },
    });
    expect(foreign.title).toBe('Pulse could not do that');
    await w.pool.query(`delete from report_links where kind = 'member'`);
  });

  it('opens a member profile report from a churn row', async () => {
    const r = await runAction(withServices, { ...request(GUILD_A), actionId: `p1:churn:profile:${w.predictions.ann}` });
    expect(r.answer.title).toBe('Ann Example: profile report');
    expect(r.answer.visibility).toBe('ephemeral');
    const { rows } = await w.pool.query<{ kind: string; params: { memberId: number } }>(
      `select kind, params from report_links where company_id = $1 and kind = 'member'`,
      [w.a.id],
    );
    expect(rows).toEqual([{ kind: 'member', params: { memberId: w.members.ann } }]);
  });
});
