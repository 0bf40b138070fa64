// A signed chat request sent again inside its 5-minute signature window is answered once: the same Discord
// interaction (same id) or the same Slack request (same signature and timestamp) through the real app runs the
// command once — one coach question counted, one answer at the fake — while a new request still runs. The
// memory is a PostgreSQL table shared by every web machine, pruned once its rows expire.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../../core/db/pool.ts';
import { firstSighting, pruneChatRequestReplays } from '../../core/chat/request-replays.repository.ts';
import { signInteraction } from '../fakes/discord/keys.ts';
import { formContentType, signSlackRequest, slashCommandBody } from '../fakes/slack/requests.ts';
import { startDiscordRig, type DiscordRig } from '../discord/harness.ts';
import { ADMIN_A, buildCompanies, GENERAL_A, GUILD_A, NOW as DISCORD_NOW } from '../discord/fixture.ts';
import { slash } from '../discord/interactions.ts';
import { SIGNING_SECRET, type SlackRig } from '../slack/harness.ts';
import { ADMIN_A as SLACK_ADMIN_A, startTwoTeams } from '../slack/fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

async function questionsAsked(pool: pg.Pool, companyId: number): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    'select coalesce(sum(questions), 0) as n from coach_usage where company_id = $1',
    [companyId],
  );
  return Number(rows[0]!.n);
}

describe('Discord: a replayed interaction is answered once', () => {
  let rig: DiscordRig;
  let companyId: number;
  beforeAll(async () => {
    rig = await startDiscordRig({ now: () => DISCORD_NOW });
    companyId = (await buildCompanies(rig.db.url)).a.id;
    await rig.link(GUILD_A, companyId);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('runs /ask once; the replay gets a private "already handled" and nothing else happens', async () => {
    const payload = slash({ guildId: GUILD_A, channelId: GENERAL_A, person: ADMIN_A }, 'ask', {
      question: 'How is my revenue?',
    });
    const signed = signInteraction(rig.keys, payload);
    const send = () =>
      rig.app.inject({ method: 'POST', url: '/discord/interactions', headers: signed.headers, payload: signed.body });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(200);
    expect(first.json().type).toBe(5);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      type: 4,
      data: { flags: 64, allowed_mentions: { parse: [] }, embeds: [{ title: 'Already handled' }] },
    });
    // A new interaction is not a replay.
    const other = await rig.send(
      slash({ guildId: GUILD_A, channelId: GENERAL_A, person: ADMIN_A }, 'ask', { question: 'How is my churn?' }),
    );
    expect(other.json.type).toBe(5);
    // Closing waits for every follow-up already started: whatever the replay could have run has finished.
    await rig.app.close();
    const edits = rig.fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes(String(payload.token)));
    expect(edits).toHaveLength(1);
    expect(await questionsAsked(rig.pool, companyId)).toBe(2);
  });
});

describe('Slack: a replayed request is acknowledged and dropped', () => {
  let rig: SlackRig;
  let companyId: number;
  beforeAll(async () => {
    const two = await startTwoTeams();
    rig = two.rig;
    companyId = two.co.a.id;
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('runs `/pulse ask` once for the same signature and timestamp; a new request still runs', async () => {
    const body = slashCommandBody({
      ...SLACK_ADMIN_A,
      text: 'ask How is my revenue?',
      responseUrl: rig.fake.responseUrl('replayed'),
    });
    const signed = signSlackRequest(SIGNING_SECRET, body, formContentType);
    const send = () => rig.app.inject({ method: 'POST', url: '/slack/events', headers: signed.headers, payload: body });
    const first = await send();
    const again = await send();
    expect([first.statusCode, first.body]).toEqual([200, '']);
    expect([again.statusCode, again.body]).toEqual([200, '']);
    await rig.command(SLACK_ADMIN_A, 'ask How is my churn?', 'fresh');
    await rig.app.close();
    expect(rig.fake.responses.filter((r) => r.id === 'replayed')).toHaveLength(1);
    expect(rig.fake.responses.filter((r) => r.id === 'fresh')).toHaveLength(1);
    expect(await questionsAsked(rig.pool, companyId)).toBe(2);
  });
});

describe('the replay table', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = openPool(db.url, { max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('lets a key through once until it expires, and the prune removes only expired keys', async () => {
    const t0 = new Date('2026-12-06T11:00:00Z');
    expect(await firstSighting(pool, 'slack:1:v0=aa', new Date(t0.getTime() + 600_000))).toBe(true);
    expect(await firstSighting(pool, 'slack:1:v0=aa', new Date(t0.getTime() + 600_000))).toBe(false);
    expect(await firstSighting(pool, 'discord:42', new Date(t0.getTime() + 60_000))).toBe(true);
    expect(await pruneChatRequestReplays(pool, new Date(t0.getTime() + 120_000))).toBe(1);
    const { rows } = await pool.query<{ key: string }>('select key from chat_request_replays order by key');
    expect(rows.map((r) => r.key)).toEqual(['slack:1:v0=aa']);
  });
});
