// Gateway mode through its handler entry (what the discord.js Client calls with raw gateway payloads): the
// first response goes to POST /interactions/{id}/{token}/callback on the fake Discord — the answer itself when
// it is ready before the answer budget is spent, a deferral followed by an edit of @original when it is not
// (the budget is injected, so the machine's speed decides nothing); opt-in message counting writes
// activity_events (no content), idempotently, mapped to members by their Discord user id, and attaches earlier
// messages once a mapping is known. Each test sets up what it reads (authors of its own, capture switched on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InteractionResponseType,
  MessageFlags,
  MessageType,
  Routes,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import { DiscordActivityRecorder } from '../../bot/discord/activity-capture.ts';
import { mapDiscordUser } from '../../core/members/discord-activity.repository.ts';
import { DiscordDispatcher } from '../../bot/discord/dispatcher.ts';
import { createGatewayClient, gatewayHandlers, type GatewayHandlers } from '../../bot/discord/gateway.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { updateWorkspaceSettings, findWorkspaceLink } from '../../core/tenancy/index.ts';
import { openFixtures, type CompanyFixture, type Fixtures } from '../helpers/fixtures.ts';
import { snowflake } from '../fakes/discord/wire.ts';
import { BOT_TOKEN, startDiscordRig, type DiscordRig } from './harness.ts';
import { click, slash } from './interactions.ts';

const capturing = '800000000000000101';
const quiet = '800000000000000102';
const admin = { userId: '600000000000000101', admin: true };

function gatewayMessage(
  guildId: string | undefined,
  authorId: string,
  extra: Partial<GatewayMessageCreateDispatchData> = {},
): GatewayMessageCreateDispatchData {
  return {
    id: snowflake(),
    channel_id: '700000000000000101',
    ...(guildId ? { guild_id: guildId } : {}),
    type: MessageType.Default,
    author: { id: authorId, username: `u${authorId.slice(-3)}`, discriminator: '0', avatar: null, global_name: null },
    content: '',
    timestamp: '2026-11-20T10:15:00.000Z',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    ...extra,
  } as GatewayMessageCreateDispatchData;
}

describe('gateway handler entry', () => {
  let rig: DiscordRig;
  let fx: Fixtures;
  let co: CompanyFixture;
  let recorder: DiscordActivityRecorder;
  /** The answer budget is never spent: every answer without charts goes out directly. */
  let patient: GatewayHandlers;
  /** The answer budget is spent at once: an answer not ready yet is deferred. */
  let hasty: GatewayHandlers;
  let handlers: GatewayHandlers;
  let mappedMemberId: number;
  const capture = async (on: boolean) => {
    const link = (await findWorkspaceLink(rig.pool, 'discord', capturing))!;
    await updateWorkspaceSettings(rig.pool, co.id, link.id, { captureActivity: on });
  };
  /** activity_events rows of these Discord authors, oldest first. */
  const eventsOf = async (...authors: string[]) =>
    (
      await rig.pool.query(
        `select company_id::int, member_id::int, kind, source, occurred_at, external_id from activity_events
     where source = 'discord' and split_part(external_id, ':', 1) = any($1::text[]) order by id`,
        [authors],
      )
    ).rows;

  beforeAll(async () => {
    rig = await startDiscordRig();
    fx = await openFixtures(rig.db.url);
    co = await fx.company();
    const other = await fx.company();
    mappedMemberId = (await co.member({ name: 'Ann' })).id;
    await rig.pool.query('update members set discord_user_id = $2 where id = $1', [
      mappedMemberId,
      '600000000000000201',
    ]);
    await rig.link(capturing, co.id);
    await rig.link(quiet, other.id);
    const rest = discordRest({ token: BOT_TOKEN, apiBase: rig.fake.api });
    recorder = new DiscordActivityRecorder(rig.pool, rig.app.shared.log, { flushMs: 60_000, linkTtlMs: 0 });
    const never = () => new Promise<void>(() => undefined);
    const atOnce = () => Promise.resolve();
    patient = gatewayHandlers(
      new DiscordDispatcher({ deps: rig.app.shared, rest, answerDeadline: never }),
      rest,
      recorder,
    );
    hasty = gatewayHandlers(
      new DiscordDispatcher({ deps: rig.app.shared, rest, answerDeadline: atOnce }),
      rest,
      recorder,
    );
    handlers = patient;
  });
  afterAll(async () => {
    await recorder?.stop();
    await fx?.close();
    await rig?.close();
  });

  it("the gateway client's REST talks to DISCORD_API_BASE_URL with the bot token", async () => {
    const client = createGatewayClient(BOT_TOKEN, rig.fake.api);
    try {
      const info = (await client.rest.get(Routes.gatewayBot())) as { shards: number };
      expect(info.shards).toBe(1);
      const req = rig.fake.requests.at(-1)!;
      expect([req.method, req.path, req.headers.authorization]).toEqual(['GET', '/gateway/bot', `Bot ${BOT_TOKEN}`]);
    } finally {
      await client.destroy();
    }
  });

  it('sends an answer ready within the budget as the first response, to the interaction callback endpoint', async () => {
    const raw = slash({ guildId: capturing, person: admin }, 'help') as unknown as APIInteraction;
    await patient.interaction(raw);
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${raw.id}/${raw.token}/callback`);
    expect(cb.method).toBe('POST');
    expect(cb.headers.authorization).toBeUndefined();
    expect(cb.json.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(cb.json.data.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.json.data.embeds[0].title).toBe('Pulse commands');
    expect(rig.fake.requests.filter((r) => r.path.includes(raw.token))).toHaveLength(1); // nothing to follow up
  });

  it('opens the setup modal through the callback endpoint too', async () => {
    const raw = click({ guildId: capturing, person: admin }, 'p1:setup:key') as unknown as APIInteraction;
    await handlers.interaction(raw);
    const cb = await rig.fake.waitFor((r) => r.path === `/interactions/${raw.id}/${raw.token}/callback`);
    expect(cb.json.type).toBe(InteractionResponseType.Modal);
  });

  it('defers an answer not ready when the budget is spent, then edits @original', async () => {
    // Held workspace_links: the answer cannot be ready before the callback, however fast the machine is.
    const blocker = await rig.pool.connect();
    await blocker.query('begin');
    await blocker.query('lock table workspace_links in access exclusive mode');
    const raw = slash({ guildId: capturing, person: admin }, 'help') as unknown as APIInteraction;
    const running = hasty.interaction(raw);
    let cb;
    try {
      cb = await rig.fake.waitFor((r) => r.path === `/interactions/${raw.id}/${raw.token}/callback`);
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }
    await running;
    expect(cb.json).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const edit = await rig.original(raw.token);
    expect(edit.json.embeds[0].title).toBe('Pulse commands');
    expect(edit.at).toBeGreaterThan(cb.at);
  });

  it("counts people's messages in a capturing guild, never their content, once each", async () => {
    await capture(true);
    const mine = gatewayMessage(capturing, '600000000000000201', { content: 'secret plans' });
    const unmapped = gatewayMessage(capturing, '600000000000000202');
    await handlers.message(mine);
    await handlers.message(unmapped);
    await handlers.message(mine); // a replayed dispatch
    await handlers.message(
      gatewayMessage(capturing, '600000000000000203', {
        author: {
          id: '600000000000000203',
          username: 'bot',
          discriminator: '0',
          avatar: null,
          global_name: null,
          bot: true,
        },
      }),
    );
    await handlers.message(
      gatewayMessage(capturing, '600000000000000204', { webhook_id: '1' } as Partial<GatewayMessageCreateDispatchData>),
    );
    await handlers.message(gatewayMessage(capturing, '600000000000000205', { type: MessageType.UserJoin }));
    await handlers.message(gatewayMessage(quiet, '600000000000000201'));
    await handlers.message(gatewayMessage(undefined, '600000000000000201'));
    expect(await recorder.flush()).toBe(2);
    expect(
      await eventsOf(
        '600000000000000201',
        '600000000000000202',
        '600000000000000203',
        '600000000000000204',
        '600000000000000205',
      ),
    ).toEqual([
      {
        company_id: co.id,
        member_id: mappedMemberId,
        kind: 'message',
        source: 'discord',
        occurred_at: new Date('2026-11-20T10:15:00Z'),
        external_id: `600000000000000201:${mine.id}`,
      },
      {
        company_id: co.id,
        member_id: null,
        kind: 'message',
        source: 'discord',
        occurred_at: new Date('2026-11-20T10:15:00Z'),
        external_id: `600000000000000202:${unmapped.id}`,
      },
    ]);
    const text = JSON.stringify(await rig.pool.query('select * from activity_events')).toLowerCase();
    expect(text).not.toContain('secret plans');
  });

  it('attaches earlier messages to a member once their Discord account is known', async () => {
    await capture(true);
    const laterMemberId = (await co.member({ name: 'Bo' })).id;
    const author = '600000000000000402';
    await handlers.message(gatewayMessage(capturing, author));
    expect(await recorder.flush()).toBe(1);
    expect((await eventsOf(author)).map((r) => r.member_id)).toEqual([null]);
    expect(await mapDiscordUser(rig.pool, co.id, laterMemberId, author)).toBe(1);
    expect((await eventsOf(author)).map((r) => r.member_id)).toEqual([laterMemberId]);
    await handlers.message(gatewayMessage(capturing, author));
    expect(await recorder.flush()).toBe(1);
    expect((await eventsOf(author)).map((r) => r.member_id)).toEqual([laterMemberId, laterMemberId]);
  });

  it('maps an author by username to the one member whose Whop username it is, never an ambiguous one', async () => {
    await capture(true);
    const annie = await co.member({ name: 'Annie', username: 'Annie.Trades' });
    await co.member({ name: 'Sam one', username: 'sam' });
    await co.member({ name: 'Sam two', username: 'SAM' });
    const author = (id: string, username: string) => ({
      author: { id, username, discriminator: '0', avatar: null, global_name: null },
    });
    await handlers.message(
      gatewayMessage(capturing, '600000000000000301', author('600000000000000301', 'annie.trades')),
    );
    await handlers.message(gatewayMessage(capturing, '600000000000000302', author('600000000000000302', 'sam')));
    expect(await recorder.flush()).toBe(2);
    const { rows } = await rig.pool.query(
      `select split_part(external_id, ':', 1) as author, member_id::int from activity_events
       where source = 'discord' and external_id similar to '60000000000000030(1|2):%' order by 1`,
    );
    expect(rows).toEqual([
      { author: '600000000000000301', member_id: annie.id },
      { author: '600000000000000302', member_id: null },
    ]);
    const mapped = await rig.pool.query(
      "select id::int from members where discord_user_id in ('600000000000000301', '600000000000000302')",
    );
    expect(mapped.rows).toEqual([{ id: annie.id }]);
  });

  it('stops counting when the creator turns capture off', async () => {
    await capture(true);
    await handlers.message(gatewayMessage(capturing, '600000000000000501'));
    expect(await recorder.flush()).toBe(1);
    await capture(false);
    await handlers.message(gatewayMessage(capturing, '600000000000000501'));
    expect(await recorder.flush()).toBe(0);
    expect(await eventsOf('600000000000000501')).toHaveLength(1);
  });
});
