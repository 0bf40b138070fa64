// A Discord server Pulse was removed from is unlinked by each signal, and its digests stop: the gateway's
// GUILD_DELETE (not when `unavailable`: an outage), the daily reconcile over GET /users/@me/guilds (paged, and
// nothing unlinked on an empty list), 10004 "Unknown Guild" on a REST call, and a digest post refused for a
// server the bot is no longer in (confirmed against the bot's server list; Missing Access in a server it is
// still in unlinks nothing). A delivery already claimed for an unlinked server fails for good without posting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, Routes, type GatewayGuildDeleteDispatchData } from 'discord.js';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { DiscordDispatcher } from '../../bot/discord/dispatcher.ts';
import { gatewayHandlers } from '../../bot/discord/gateway.ts';
import { guildRemoval } from '../../bot/discord/guild-removal.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { buildJobContext, type JobContext } from '../../server/jobs/context.ts';
import { retryDeliveries } from '../../server/jobs/deliveries-retry.ts';
import { scanDigests } from '../../server/jobs/digests-scan.ts';
import { reconcileDiscordServers } from '../../server/jobs/discord-guilds-reconcile.ts';
import { DISCORD_TOKEN, openDeliveryWorld, type DeliveryWorld } from '../delivery/world.ts';
import { startFakeDiscord } from '../fakes/discord/server.ts';

const guild = (n: number) => `83000000000000${String(n).padStart(4, '0')}`;
const channel = (n: number) => `73000000000000${String(n).padStart(4, '0')}`;
/** 1 gateway, 2 reconcile, 3 REST 10004, 4 post refused after removal, 5 stays, 6 Missing Access while still in. */
const SERVERS = [1, 2, 3, 4, 5, 6];
const NOW = new Date('2026-11-26T09:10:00Z');

describe('Discord server removal', () => {
  let w: DeliveryWorld;
  let ctx: JobContext;
  let companyId: number;
  let rest: ReturnType<typeof discordRest>;
  const linked = async (n: number) =>
    (
      await w.pool.query('select 1 from workspace_links where platform = $1 and external_id = $2', [
        'discord',
        guild(n),
      ])
    ).rowCount === 1;
  const posted = () =>
    w
      .accepted()
      .filter((a) => a.platform === 'discord')
      .map((a) => a.channelId);

  beforeAll(async () => {
    w = await openDeliveryWorld();
    const co = await w.fx.company({ tier: 'pro' });
    companyId = co.id;
    const plan = await co.plan({ price: 2500, periodDays: 30 });
    await co.subscribe(await co.member({ name: 'Mia' }), plan, { at: '2026-09-01T10:00:00Z', payments: 3 });
    await refreshCompany(w.pool, companyId, { asOf: NOW });
    for (const n of SERVERS) {
      await w.link(companyId, 'discord', guild(n), { digestChannelId: channel(n), digestHour: 9 });
      w.discord.addGuild(guild(n));
      w.discord.addChannel(guild(n), channel(n));
    }
    const log = w.log;
    const removal = guildRemoval({ db: w.pool, log }, discordRest({ token: DISCORD_TOKEN, apiBase: w.discord.api }));
    rest = discordRest({
      token: DISCORD_TOKEN,
      apiBase: w.discord.api,
      onUnknownGuild: (id) => void removal(id, 'unknown_guild'),
    });
    const deliverers = {
      discord: new DiscordDeliverer(discordRest({ token: DISCORD_TOKEN, apiBase: w.discord.api }), {
        guildGone: removal,
      }),
    };
    const config = { ...w.config, DISCORD_TOKEN, DISCORD_API_BASE_URL: w.discord.api };
    ctx = buildJobContext({
      config,
      pool: w.pool,
      log,
      signal: new AbortController().signal,
      now: () => NOW,
      deliverers,
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('GUILD_DELETE with unavailable is an outage and changes nothing; without it the server is unlinked', async () => {
    // A delivery to server 1 already claimed (its worker died) when the server goes.
    const { rows } = await w.pool.query<{ id: string }>('select id from workspace_links where external_id = $1', [
      guild(1),
    ]);
    await w.pool.query(
      `insert into deliveries (company_id, dedupe_key, platform, channel_id, kind, workspace_link_id, status, attempts, lease_until, created_at)
      values ($1, $2, 'discord', $3, 'daily_digest', $4, 'claimed', 1, $5, $5)`,
      [
        companyId,
        `daily_digest:2026-11-25:discord:${channel(1)}`,
        channel(1),
        rows[0]!.id,
        new Date('2026-11-25T09:00:00Z'),
      ],
    );
    const handlers = gatewayHandlers(
      new DiscordDispatcher({ deps: { config: w.config, db: w.pool, now: () => NOW, log: w.log }, rest }),
      rest,
      null,
    );
    await handlers.guildDelete({ id: guild(1), unavailable: true } as GatewayGuildDeleteDispatchData);
    expect(await linked(1)).toBe(true);
    await handlers.guildDelete({ id: guild(1) } as GatewayGuildDeleteDispatchData);
    expect(await linked(1)).toBe(false);

    const retried = await retryDeliveries(ctx);
    expect(retried.map((o) => o.status)).toEqual(['failed']);
    const { rows: ledger } = await w.pool.query<{ status: string; error: string }>(
      'select status, error from deliveries where channel_id = $1',
      [channel(1)],
    );
    expect(ledger[0]).toMatchObject({ status: 'failed' });
    expect(ledger[0]!.error).toContain('workspace_unlinked');
    expect(posted()).not.toContain(channel(1));
  });

  it("the reconcile pages through the bot's servers and unlinks the linked one missing from them", async () => {
    for (let i = 0; i < 250; i++) w.discord.addGuild(`84000000000000${String(i).padStart(4, '0')}`);
    w.discord.removeGuild(guild(2));
    const before = w.discord.requests.length;
    expect(await reconcileDiscordServers(ctx)).toEqual({ listed: 255, unlinked: 1 });
    const pages = w.discord.requests.slice(before).filter((r) => r.path === '/users/@me/guilds');
    expect(pages.map((r) => r.query.get('limit'))).toEqual(['200', '200']);
    // Servers 1 and 3-6 sort first, so the first page ends at the 195th of the 250 added.
    expect(pages[1]!.query.get('after')).toBe('840000000000000194');
    expect(await linked(2)).toBe(false);
    for (const n of [3, 4, 5, 6]) expect(await linked(n)).toBe(true);
  });

  it("an empty server list beside linked servers unlinks nothing (another application's token, most likely)", async () => {
    const stranger = await startFakeDiscord({ token: DISCORD_TOKEN, appId: '900000000000000077' });
    try {
      expect(await reconcileDiscordServers(ctx, discordRest({ token: DISCORD_TOKEN, apiBase: stranger.api }))).toEqual({
        listed: 0,
        unlinked: 0,
        refused: 'empty-list',
      });
    } finally {
      await stranger.close();
    }
    for (const n of [3, 4, 5, 6]) expect(await linked(n)).toBe(true);
  });

  it('10004 "Unknown Guild" on a REST call unlinks the server once the bot\'s list confirms it', async () => {
    w.discord.removeGuild(guild(3));
    const err = await rest.get(Routes.guild(guild(3))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(10004);
    await w.slack.waitFor(
      () => w.logs.some((l) => l.fields.guildId === guild(3) && l.msg.includes('unlinked')) || undefined,
    );
    expect(await linked(3)).toBe(false);
  });

  it('a digest refused in a server the bot left unlinks it; Missing Access where it still is does not; the rest post', async () => {
    w.discord.removeGuild(guild(4));
    w.discord.faults.forbiddenChannels.add(channel(6));
    const scan = await scanDigests(ctx);
    // Only the servers still linked were due: 4 (refused: the bot is gone), 5 (posted), 6 (refused: no access).
    expect(scan.claimed.map((d) => d.channelId).sort()).toEqual([channel(4), channel(5), channel(6)]);
    expect(scan.outcomes.map((o) => o.status).sort()).toEqual(['failed', 'failed', 'posted']);
    expect(posted()).toEqual([channel(5)]);
    expect(await linked(4)).toBe(false);
    expect(await linked(6)).toBe(true);
    // The next day only 5 and 6 are due: nothing goes to the removed servers again.
    const next = new Date('2026-11-27T09:10:00Z');
    const tomorrow = await scanDigests({ ...ctx, now: () => next });
    expect(tomorrow.claimed.map((d) => d.channelId).sort()).toEqual([channel(5), channel(6)]);
  });
});
