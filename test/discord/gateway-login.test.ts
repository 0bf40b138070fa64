// The gateway role end to end over a real WebSocket: startGateway (server/gateway.ts) logs discord.js's Client in
// to the fake Discord's gateway with DISCORD_TOKEN (IDENTIFY carries the token and only the Guilds and
// GuildMessages intents), a MESSAGE_CREATE sent down the socket is counted in activity_events, and an
// INTERACTION_CREATE is answered at the interaction callback endpoint. Nothing here calls the handlers directly:
// this is the wiring gateway.test.ts cannot see.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayIntentBits, InteractionResponseType, MessageType } from 'discord.js';
import { findWorkspaceLink, updateWorkspaceSettings } from '../../core/tenancy/index.ts';
import { startGateway, type StartedGateway } from '../../server/gateway.ts';
import { snowflake } from '../fakes/discord/wire.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';
import { BOT_TOKEN, startDiscordRig, type DiscordRig } from './harness.ts';
import { APP_ID, slash } from './interactions.ts';

const GUILD = '800000000000000701';
const AUTHOR = '600000000000000701';

describe('the gateway role over a WebSocket', () => {
  let rig: DiscordRig;
  let fx: Fixtures;
  let memberId: number;
  let started: StartedGateway | undefined;

  beforeAll(async () => {
    rig = await startDiscordRig();
    fx = await openFixtures(rig.db.url);
    const co = await fx.company();
    memberId = (await co.member({ name: 'Wes' })).id;
    await rig.pool.query('update members set discord_user_id = $2 where id = $1', [memberId, AUTHOR]);
    await rig.link(GUILD, co.id);
    const link = (await findWorkspaceLink(rig.pool, 'discord', GUILD))!;
    await updateWorkspaceSettings(rig.pool, co.id, link.id, { captureActivity: true });
    started = await startGateway(rig.config, rig.app.shared);
  });
  afterAll(async () => {
    await started?.stop();
    await fx?.close();
    await rig?.close();
  });

  it('logs in with DISCORD_TOKEN and the two intents Pulse needs', async () => {
    const identify = await rig.fake.gateway.identified;
    expect(identify.token).toBe(BOT_TOKEN);
    expect(identify.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(started!.gateway.client.user?.id).toBe(APP_ID);
    const info = rig.fake.requests.find((r) => r.path === '/gateway/bot')!;
    expect(info.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
  });

  it('counts a message sent down the socket in activity_events', async () => {
    const id = snowflake();
    rig.fake.gateway.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: '700000000000000701',
      guild_id: GUILD,
      type: MessageType.Default,
      content: '',
      author: { id: AUTHOR, username: 'wes', discriminator: '0', avatar: null, global_name: null },
      timestamp: '2026-11-20T10:15:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
    });
    // The recorder writes in batches every 2 s: wait for the row, not for a guessed time.
    await vi.waitFor(
      async () => {
        const { rows } = await rig.pool.query(
          "select member_id::int, external_id from activity_events where source = 'discord'",
        );
        expect(rows).toEqual([{ member_id: memberId, external_id: `${AUTHOR}:${id}` }]);
      },
      { timeout: 30_000, interval: 50 },
    );
  });

  it('answers an interaction sent down the socket at the interaction callback endpoint', async () => {
    const raw = slash({ guildId: GUILD, person: { userId: AUTHOR, admin: true } }, 'help');
    rig.fake.gateway.dispatch('INTERACTION_CREATE', raw);
    const cb = await rig.fake.waitFor(
      (r) => r.path === `/interactions/${String(raw.id)}/${String(raw.token)}/callback`,
      30_000,
    );
    expect([
      InteractionResponseType.ChannelMessageWithSource,
      InteractionResponseType.DeferredChannelMessageWithSource,
    ]).toContain(cb.json.type);
  });
});
