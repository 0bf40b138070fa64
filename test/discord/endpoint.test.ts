// POST /discord/interactions on the real app: signatures (401), PING -> PONG, 503 without a public key, 400 on
// a signed non-interaction, DMs, the setup modal, and deferral when an answer is slow (follow-up through the
// interaction webhook on the fake Discord).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { loadConfig } from '../../core/config.ts';
import { buildApp } from '../../server/app.ts';
import { withPool } from '../helpers/db.ts';
import { signInteraction } from '../fakes/discord/keys.ts';
import { startDiscordRig, type DiscordRig } from './harness.ts';
import { click, ping, slash, submitModal } from './interactions.ts';

const guild = '800000000000000001';
const admin = { userId: '600000000000000001', admin: true };
const member = { userId: '600000000000000002' };

describe('POST /discord/interactions', () => {
  let rig: DiscordRig;
  beforeAll(async () => {
    rig = await startDiscordRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    rig.app.inject({ method: 'POST', url: '/discord/interactions', headers, payload: body });

  it('answers PING with PONG', async () => {
    const r = await rig.send(ping());
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ type: InteractionResponseType.Pong });
  });

  it('refuses a bad, missing or stale signature with 401 and runs nothing', async () => {
    const before = rig.fake.requests.length;
    const signed = signInteraction(rig.keys, ping());
    const flipped = signed.headers['x-signature-ed25519']!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await post(signed.body, { ...signed.headers, 'x-signature-ed25519': flipped })).statusCode).toBe(401);
    expect((await post(signed.body.replace('"type":1', '"type":1 '), signed.headers)).statusCode).toBe(401);
    const { 'x-signature-ed25519': _drop, ...unsigned } = signed.headers;
    expect((await post(signed.body, unsigned)).statusCode).toBe(401);
    const stale = signInteraction(rig.keys, ping(), Math.floor(Date.now() / 1000) - 3600);
    expect((await post(stale.body, stale.headers)).statusCode).toBe(401);
    const other = signInteraction(
      { ...rig.keys, privateKey: (await import('node:crypto')).generateKeyPairSync('ed25519').privateKey },
      ping(),
    );
    const r = await post(other.body, other.headers);
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: 'Invalid request signature', statusCode: 401 });
    expect(rig.fake.requests.length).toBe(before);
  });

  it('answers 400 to a signed body that is not an interaction', async () => {
    const signed = signInteraction(rig.keys, '{"hello":');
    expect((await post(signed.body, signed.headers)).statusCode).toBe(400);
    const notInteraction = signInteraction(rig.keys, { type: 'x' });
    expect((await post(notInteraction.body, notInteraction.headers)).statusCode).toBe(400);
  });

  it('tells a DM that Pulse works inside a server, privately', async () => {
    const r = await rig.send(slash({ guildId: null, person: admin }, 'help'));
    expect(r.json.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.json.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.json.data.embeds[0].title).toBe('Pulse works inside a server');
  });

  it('answers a signed interaction it cannot handle with a short message and a reference, never a stack trace', async () => {
    const broken = { ...slash({ guildId: guild, person: admin }, 'help') };
    delete (broken as { data?: unknown }).data;
    const r = await rig.send(broken, { 'x-request-id': 'req-7f3a2c' });
    expect(r.status).toBe(200);
    expect(r.json.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.json.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.json.data.embeds[0].title).toBe('Something went wrong');
    // The reference is the request's id: the one on every log line of the request.
    expect(r.json.data.embeds[0].footer.text).toBe('ref req-7f3a2c');
    expect(JSON.stringify(r.json)).not.toMatch(/TypeError|at .*\.ts:\d+/);
  });

  it('opens the Whop-key modal from the setup button', async () => {
    const r = await rig.send(click({ guildId: guild, person: admin }, 'p1:setup:key'));
    expect(r.json.type).toBe(InteractionResponseType.Modal);
    expect(r.json.data.custom_id).toBe('p1:setup:key');
    const inputs = r.json.data.components.map((c: { component: { custom_id: string; required: boolean } }) => [
      c.component.custom_id,
      c.component.required,
    ]);
    expect(inputs).toEqual([
      ['whop_api_key', true],
      ['whop_company_id', false],
    ]);
  });

  it('refuses the setup key from a member without Manage Server, privately', async () => {
    const r = await rig.send(
      submitModal({ guildId: guild, person: member }, 'p1:setup:key', { whop_api_key: 'sk_live_should_not_matter' }),
    );
    expect(r.json.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.json.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.json.data.embeds[0].title).toBe('Pulse is for the team');
    expect(JSON.stringify(r.json)).not.toContain('sk_live_should_not_matter');
  });

  it('defers a slow answer (type 5) and then edits @original through the interaction webhook', async () => {
    // Hold workspace_links so the tenant lookup waits: the answer cannot be ready within the budget.
    const blocker = await rig.pool.connect();
    await blocker.query('begin');
    await blocker.query('lock table workspace_links in access exclusive mode');
    // /ask declares no visibility (the coach's answer is member-level only when it names members).
    const question = 'Who should I contact first?';
    let first;
    try {
      // The first response comes back while the table is still held: deferring needs no database.
      first = await rig.send(slash({ guildId: guild, person: admin }, 'ask', { question }));
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }
    expect(first.json.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    // Never having seen /ask answered, Pulse deferred in public; this guild is not linked, so the answer is
    // private setup guidance: the public placeholder says it went privately, the answer is an ephemeral follow-up.
    const edit = await rig.original(first.token);
    expect(edit.json.embeds[0].title).toBe('Sent to you privately');
    const [follow] = await rig.followUps(first.token);
    expect(follow!.json.flags).toBe(MessageFlags.Ephemeral);
    expect(follow!.json.embeds[0].title).toBe('Link Pulse to your Whop company');
    expect(follow!.headers.authorization).toBeUndefined();
  });

  it('defers with the ephemeral flag when the command declares a private answer', async () => {
    const blocker = await rig.pool.connect();
    await blocker.query('begin');
    await blocker.query('lock table workspace_links in access exclusive mode');
    const sent = rig.send(slash({ guildId: guild, person: admin }, 'help'));
    const first = await sent;
    await blocker.query('rollback');
    blocker.release();
    expect(first.json).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const edit = await rig.original(first.token);
    expect(edit.json.embeds[0].title).toBe('Pulse commands');
  });
});

describe('without DISCORD_PUBLIC_KEY', () => {
  it('answers 503', async () => {
    await using db = await withPool();
    const app = await buildApp({
      config: loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 'x'.repeat(40) }),
      db: db.pool,
      logger: false,
    });
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/discord/interactions',
        headers: { 'content-type': 'application/json' },
        payload: '{"type":1}',
      });
      expect(r.statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});
