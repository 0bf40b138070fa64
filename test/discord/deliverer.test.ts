// DiscordDeliverer against the fake Discord API: a digest with a chart goes out as multipart (payload_json +
// files[0], a real PNG shown as attachment://), with the bot token; a 429 is waited out and retried by
// discord.js; persistent 5xx is a transient error; Unknown Channel / Missing Access are permanent.
// The server is loaded as in a real process, and with it openai and Bolt (undici 8), which used to break
// discord.js's multipart requests (see bot/discord/rest.ts): these tests catch that coming back.
import '../../server/app.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../bot/answer.ts';
import { PermanentDeliveryError } from '../../bot/deliverer.ts';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { pngSize } from '../charts/png-helpers.ts';
import { mrrData } from '../charts/fixtures.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { APP_ID } from './interactions.ts';
import { BOT_TOKEN } from './harness.ts';

const channel = '710000000000000001';
const to = { platform: 'discord' as const, workspaceId: '800000000000000001', channelId: channel };
const digest = answer({
  title: 'Daily digest',
  summary: 'MRR **$12,340.00**, up 2.1% on the week.',
  tone: 'good',
  fields: [
    { label: 'MRR', value: '$12,340.00', inline: true },
    { label: 'Churned', value: '3', inline: true },
  ],
  charts: [
    {
      spec: { kind: 'mrr', data: mrrData() },
      filename: 'mrr.png',
      alt: 'MRR over 180 days',
      numbers: 'MRR $9,000.00 → $12,340.00',
    },
  ],
  footer: { period: 'Nov 26, 2026', freshness: 'synced 4 min ago' },
});

describe('DiscordDeliverer', () => {
  let fake: FakeDiscord;
  let deliverer: DiscordDeliverer;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: BOT_TOKEN, appId: APP_ID });
    deliverer = new DiscordDeliverer(discordRest({ token: BOT_TOKEN, apiBase: fake.api }));
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.faults.clear();
    fake.requests.length = 0;
  });

  it('posts the answer with its chart as a PNG file shown in the embed', async () => {
    const { messageId } = await deliverer.post(to, digest);
    expect(messageId).toMatch(/^\d+$/);
    const [req] = fake.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/channels/${channel}/messages`);
    expect(req!.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(req!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(req!.files).toHaveLength(1);
    const file = req!.files[0]!;
    expect(file.field).toBe('files[0]');
    expect(file.filename).toBe('mrr.png');
    expect(file.contentType).toBe('image/png');
    expect([...file.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(file.bytes)).toEqual({ width: 1600, height: 800 });
    const embed = req!.json.embeds[0];
    expect(embed.title).toBe('Daily digest');
    expect(embed.color).toBe(0x2ecc71);
    expect(embed.image).toEqual({ url: 'attachment://mrr.png' });
    expect(embed.footer.text).toBe('Nov 26, 2026 · synced 4 min ago');
    expect(embed.fields).toContainEqual({
      name: 'Chart data: MRR over 180 days',
      value: 'MRR $9,000.00 → $12,340.00',
      inline: false,
    });
    expect(req!.json.attachments).toEqual([{ id: 0, filename: 'mrr.png', description: 'MRR over 180 days' }]);
    expect(req!.json.allowed_mentions).toEqual({ parse: [] });
    expect(req!.json.flags).toBeUndefined();
  });

  it("sends the delivery's idempotency key as an enforced nonce: a repeated post returns the first message", async () => {
    const first = await deliverer.post(to, digest, { idempotencyKey: 'pulse-d42' });
    const again = await deliverer.post(to, digest, { idempotencyKey: 'pulse-d42' });
    const other = await deliverer.post(to, digest, { idempotencyKey: 'pulse-d43' });
    expect(fake.requests.map((r) => [r.json.nonce, r.json.enforce_nonce])).toEqual([
      ['pulse-d42', true],
      ['pulse-d42', true],
      ['pulse-d43', true],
    ]);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
  });

  it('waits out a 429 as Discord sends it and retries', async () => {
    fake.faults.fail({ status: 429, retryAfter: 0.3, path: /\/channels\// });
    const t0 = performance.now();
    const { messageId } = await deliverer.post(to, answer({ title: 'After a rate limit' }));
    expect(messageId).toMatch(/^\d+$/);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('reports a persistent 5xx as a transient (retryable) error', async () => {
    fake.faults.fail({ status: 502, times: 10, path: /\/channels\// });
    const err = await deliverer.post(to, answer({ title: 'Outage' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(fake.requests.length).toBe(4); // discord.js: the first try and 3 retries
  });

  it('reports Unknown Channel and Missing Access as PermanentDeliveryError', async () => {
    fake.faults.unknownChannels.add(channel);
    const gone = await deliverer.post(to, digest).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PermanentDeliveryError);
    expect((gone as PermanentDeliveryError).code).toBe('discord_10003');
    fake.faults.clear();
    fake.faults.forbiddenChannels.add(channel);
    const closed = await deliverer.post(to, digest).catch((e: unknown) => e);
    expect((closed as PermanentDeliveryError).code).toBe('discord_50001');
  });

  it('never posts an ephemeral (one-person) answer to a channel', async () => {
    const err = await deliverer
      .post(to, answer({ title: 'At-risk members', visibility: 'ephemeral', memberLevel: true }))
      .catch((e: unknown) => e);
    expect((err as PermanentDeliveryError).code).toBe('ephemeral_answer');
    expect(fake.requests).toHaveLength(0);
  });
});
