// Forum posts as content, worked by hand: "Hello from Ana" (Whop: 21 views, 2 likes, 2 comments) was commented
// on by Ben on 11-18 and Cleo on 11-19; "Quiet post" (Whop: 5 views, 0 likes, 0 comments) has no comments. Over
// the 7 days to 2026-11-20 the first has 2 interactions (its comments) from 2 members, the second none; posts are
// the only content type with data, so /content offers only it and says so when asked for courses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { loadConfig } from '../../core/config.ts';
import { contentTypesWithData } from '../../core/content/content-engagement.repository.ts';
import { contentReport } from '../../core/content/content.service.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { READY_BIZ, READY_NOW, readyCompany } from '../pipeline/ready-company.ts';
import { registerCompany } from '../whop/world.ts';

const GUILD = '400000000000000002';
const admin = { platform: 'discord' as const, userId: '400000000000000098', isAdmin: true, roleIds: [] as string[] };

describe('forum posts as content', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let whop: FakeWhop;
  let companyId: number;
  let deps: BotDeps;

  beforeAll(async () => {
    const data = readyCompany();
    const [template] = data.forumPosts;
    const post = (id: string, over: Record<string, unknown>) => ({
      experience_id: template!.experience_id,
      post: { ...template!.post, id, ...over },
    });
    data.forumPosts = [
      post('post_ready_ana', { view_count: 21, like_count: 2, comment_count: 2 }),
      post('post_ready_quiet', {
        title: 'Quiet post',
        view_count: 5,
        like_count: 0,
        comment_count: 0,
        created_at: '2026-11-15T09:00:00.000Z',
        user: { id: 'user_ready_cleo', name: 'Cleo Ready', username: 'cleo' },
      }),
      post('post_ready_c1', {
        title: null,
        content: 'Welcome!',
        parent_id: 'post_ready_ana',
        created_at: '2026-11-18T09:00:00.000Z',
        view_count: 0,
        like_count: 0,
        comment_count: 0,
        user: { id: 'user_ready_ben', name: 'Ben Ready', username: 'ben' },
      }),
      post('post_ready_c2', {
        title: null,
        content: 'Same here',
        parent_id: 'post_ready_ana',
        created_at: '2026-11-19T10:00:00.000Z',
        view_count: 0,
        like_count: 0,
        comment_count: 0,
        user: { id: 'user_ready_cleo', name: 'Cleo Ready', username: 'cleo' },
      }),
    ];
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    whop = await startFakeWhop({ dataset: { companies: [data] } });
    companyId = (await registerCompany(pool, READY_BIZ, 'Ready Co')).id;
    const config = loadConfig({
      DATABASE_URL: db.url,
      PULSE_SECRET: 's'.repeat(40),
      WHOP_API_KEY: defaultFakeApiKey,
      WHOP_API_BASE_URL: whop.url,
    });
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const now = () => READY_NOW;
    await syncAndRefresh(
      { config, pool, log, signal: new AbortController().signal, touchEveryMs: 30_000, now },
      companyId,
      'incremental',
      { name: 'test' },
    );
    await linkWorkspace(pool, { platform: 'discord', externalId: GUILD, companyId, linkedBy: 'cli' });
    deps = { config, db: pool, now, log };
  });
  afterAll(async () => {
    await whop?.close();
    await pool?.end();
    await db?.drop();
  });

  it("keeps each top-level post as a content item with Whop's counts, and its comments as its interactions", async () => {
    const r = await contentReport(pool, companyId, {
      from: '2026-11-14',
      to: '2026-11-21',
      asOf: READY_NOW,
      type: 'post',
      enforceTier: false,
    });
    if (!r.ok) throw new Error('tier limit');
    expect(
      r.value.items.map((l) => ({
        title: l.title,
        views: l.views,
        viewers: l.uniqueViewers,
        whop: l.whop && { v: l.whop.views, l: l.whop.likes, c: l.whop.comments },
      })),
    ).toEqual([
      { title: 'Hello from Ana', views: 2, viewers: 2, whop: { v: 21, l: 2, c: 2 } },
      { title: 'Quiet post', views: 0, viewers: 0, whop: { v: 5, l: 0, c: 0 } },
    ]);
    expect(await contentTypesWithData(pool, companyId)).toEqual(['post']);
  });

  it('/content offers only the types with data', async () => {
    const ask = (options: Record<string, string>) =>
      runCommand(deps, {
        platform: 'discord',
        workspaceId: GUILD,
        channelId: '400000000000000012',
        actor: admin,
        name: 'content',
        options,
      });
    const posts = await ask({ type: 'post', period: 'last_7_days' });
    expect(posts.tables[0]!.rows.map((row) => [row.title, row.views, row.whop])).toEqual([
      ['Hello from Ana', '2', '21 views, 2 likes, 2 comments'],
      ['Quiet post', '0', '5 views, 0 likes, 0 comments'],
    ]);
    expect(posts.summary).toContain('Types with data: post.');
    const courses = await ask({ type: 'course' });
    expect(courses.notices).toContain('No courses have data here yet. Types with data: post.');
  });
});
