// "Add to Discord" with a bound server, and Discord's Webhook Events: the authorize URL (fake Discord's origin,
// bot + applications.commands, permissions 52224, code grant back to PUBLIC_URL, the grant as state); the
// callback binds the server named by the token exchange's `guild` even when the redirect's `guild_id` names
// another, redeems the grant once (a reused or forged state is refused before any code is exchanged); and
// POST /discord/events answers PING with 204, logs APPLICATION_AUTHORIZED, reconciles servers after
// APPLICATION_DEAUTHORIZED, and refuses a bad signature with 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordInstallUrl } from '../../bot/discord/install.ts';
import { signInteraction } from '../fakes/discord/keys.ts';
import { APP_ID } from '../discord/interactions.ts';
import { openInstallWorld, PUBLIC_URL, type InstallWorld } from './world.ts';

const GUILD_A = '820000000000000101';
const GUILD_B = '820000000000000202';
const HINTED = '820000000000000999';

describe('Discord install', () => {
  let w: InstallWorld;

  beforeAll(async () => {
    w = await openInstallWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const exchanges = () => w.discord.requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/token');

  it("builds the authorize URL on the fake's origin with the bot scopes, 52224 and the code grant back to Pulse", () => {
    const url = new URL(discordInstallUrl(w.config, 'the-grant')!);
    expect(url.origin + url.pathname).toBe(`${new URL(w.discord.api).origin}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: APP_ID,
      scope: 'bot applications.commands',
      permissions: '52224',
      response_type: 'code',
      redirect_uri: `${PUBLIC_URL}/discord/install/callback`,
      integration_type: '0',
      state: 'the-grant',
    });
    expect(new URL(discordInstallUrl({ ...w.config, DISCORD_API_BASE_URL: undefined }, 'g')!).origin).toBe(
      'https://discord.com',
    );
  });

  it('GET /discord/install?grant= redirects there', async () => {
    const grant = w.grant(w.co.a.id);
    const r = await w.app.inject({ method: 'GET', url: `/discord/install?grant=${encodeURIComponent(grant)}` });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(discordInstallUrl(w.config, grant));
  });

  it("binds the server the token answer names, not the redirect's guild_id", async () => {
    const done = await w.installDiscord(GUILD_A, w.grant(w.co.a.id), {
      hintedGuildId: HINTED,
      guildName: 'Acme Lounge',
    });
    expect(done.status).toBe(200);
    expect(done.page).toContain('Pulse is in Acme Lounge and answers for Acme Academy');
    expect(await w.linkOf('discord', GUILD_A)).toBe(w.co.a.id);
    expect(await w.linkOf('discord', HINTED)).toBeNull();
    const [exchange] = exchanges();
    expect(exchange!.json).toMatchObject({
      grant_type: 'authorization_code',
      code: done.code,
      redirect_uri: `${PUBLIC_URL}/discord/install/callback`,
    });
    expect(exchange!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${APP_ID}:${w.discord.clientSecret}`).toString('base64')}`,
    );
  });

  it('refuses a reused grant and a forged state before exchanging any code', async () => {
    const grant = w.grant(w.co.b.id);
    expect((await w.installDiscord(GUILD_B, grant)).status).toBe(200);
    expect(await w.linkOf('discord', GUILD_B)).toBe(w.co.b.id);
    const before = exchanges().length;
    const again = await w.installDiscord('820000000000000303', grant);
    expect(again.status).toBe(400);
    expect(again.page).toContain('already used or has expired');
    const forged = await w.installDiscord('820000000000000404', `${grant.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(400);
    expect(exchanges().length).toBe(before);
    expect(await w.linkOf('discord', '820000000000000303')).toBeNull();
    expect(await w.linkOf('discord', '820000000000000404')).toBeNull();
  });

  it('a code Discord does not accept binds nothing', async () => {
    const r = await w.app.inject({
      method: 'GET',
      url: `/discord/install/callback?code=made-up&state=${encodeURIComponent(w.grant(w.co.a.id))}&guild_id=${HINTED}`,
    });
    expect(r.statusCode).toBe(400);
    expect(exchanges().at(-1)!.status).toBe(400);
    expect(await w.linkOf('discord', HINTED)).toBeNull();
  });
});

describe('POST /discord/events', () => {
  let w: InstallWorld;

  beforeAll(async () => {
    w = await openInstallWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const post = async (payload: unknown, headers: Record<string, string> = {}) => {
    const signed = signInteraction(w.keys, payload);
    const r = await w.app.inject({
      method: 'POST',
      url: '/discord/events',
      headers: { ...signed.headers, ...headers },
      payload: signed.body,
    });
    return { status: r.statusCode, body: r.body };
  };

  it('answers PING with 204 and no body', async () => {
    expect(await post({ version: 1, application_id: APP_ID, type: 0 })).toEqual({ status: 204, body: '' });
  });

  it('refuses a bad signature with 401 (Discord sends some on purpose)', async () => {
    const signed = signInteraction(w.keys, { version: 1, application_id: APP_ID, type: 0 });
    const flipped = signed.headers['x-signature-ed25519']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const r = await w.app.inject({
      method: 'POST',
      url: '/discord/events',
      headers: { ...signed.headers, 'x-signature-ed25519': flipped },
      payload: signed.body,
    });
    expect(r.statusCode).toBe(401);
    const unsigned = await w.app.inject({
      method: 'POST',
      url: '/discord/events',
      headers: { 'content-type': 'application/json' },
      payload: signed.body,
    });
    expect(unsigned.statusCode).toBe(401);
  });

  it("logs APPLICATION_AUTHORIZED as the install's audit line and answers 204", async () => {
    const r = await post({
      version: 1,
      application_id: APP_ID,
      type: 1,
      event: {
        type: 'APPLICATION_AUTHORIZED',
        timestamp: '2026-04-15T12:00:00.000000+00:00',
        data: {
          integration_type: 0,
          scopes: ['applications.commands', 'bot'],
          user: { id: '600000000000000777', username: 'ann' },
          guild: { id: GUILD_A, name: 'Acme Lounge' },
        },
      },
    });
    expect(r.status).toBe(204);
    const line = w.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'discord application authorized');
    expect(line).toMatchObject({
      integrationType: 0,
      install: 'server',
      userId: '600000000000000777',
      guildId: GUILD_A,
      scopes: ['applications.commands', 'bot'],
    });
  });

  it('reconciles servers after APPLICATION_DEAUTHORIZED: a linked server the bot left is unlinked', async () => {
    w.discord.addGuild(GUILD_A);
    await w.pool.query(
      `insert into workspace_links (company_id, platform, external_id, linked_by) values ($1, 'discord', $2, 'test'), ($1, 'discord', $3, 'test')`,
      [w.co.a.id, GUILD_A, GUILD_B],
    );
    const r = await post({
      version: 1,
      application_id: APP_ID,
      type: 1,
      event: {
        type: 'APPLICATION_DEAUTHORIZED',
        timestamp: '2026-04-15T12:00:00Z',
        data: { user: { id: '600000000000000777' } },
      },
    });
    expect(r.status).toBe(204);
    await w.discord.waitFor((q) => q.method === 'GET' && q.path === '/users/@me/guilds');
    await w.slack.waitFor(
      () => w.logs.some((l) => l.includes('discord servers reconciled after a deauthorization')) || undefined,
    );
    expect(await w.linkOf('discord', GUILD_A)).toBe(w.co.a.id);
    expect(await w.linkOf('discord', GUILD_B)).toBeNull();
  });

  it('answers 400 to a signed body that is not an event', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
  });
});
