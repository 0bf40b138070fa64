// SlackDeliverer against the fake Slack Web API: chat.postMessage with the answer's blocks, the chart uploaded into
// that message's thread (files.getUploadURLExternal, the bytes, files.completeUploadExternal with thread_ts);
// a 429 with Retry-After is waited out and retried; channel_not_found and the other failures retrying cannot fix
// are PermanentDeliveryError after one attempt; other errors are thrown as transient; a private answer is never
// posted to a channel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answer, type Answer } from '../../bot/answer.ts';
import { PermanentDeliveryError } from '../../bot/deliverer.ts';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const fastRetries = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 };
const dest = (channelId: string) => ({ platform: 'slack' as const, workspaceId: 'TDELIVER1', channelId });

const digest: Answer = answer({
  title: 'Daily digest',
  summary: 'MRR **$30.00**, up $10 this week.',
  tone: 'good',
  fields: [
    { label: 'MRR', value: '$30.00', inline: true },
    { label: 'Customers', value: '3', inline: true },
  ],
  charts: [
    {
      spec: {
        kind: 'mrr',
        data: {
          currency: 'usd',
          history: [
            { date: '2026-04-13', mrr: 2000 },
            { date: '2026-04-14', mrr: 3000 },
          ],
        },
      },
      filename: 'mrr.png',
      alt: 'MRR over two days',
      numbers: 'MRR 13 Apr: $20.00\nMRR 14 Apr: $30.00',
    },
  ],
  footer: { period: '14 Apr 2026' },
});

describe('SlackDeliverer', () => {
  let fake: FakeSlack;
  let deliverer: SlackDeliverer;
  beforeAll(async () => {
    fake = await startFakeSlack();
    deliverer = new SlackDeliverer({ botToken: fake.token, apiUrl: fake.apiUrl, log, retryConfig: fastRetries });
  });
  afterEach(() => fake.faults.clear());
  afterAll(async () => {
    await fake?.close();
  });

  it("posts the blocks, then the chart into the message's thread", async () => {
    const before = fake.calls.length;
    const { messageId } = await deliverer.post(dest('CDIGEST01'), digest);
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const [post, getUrl, complete] = calls;
    expect(post!.token).toBe(fake.token);
    expect(post!.body.channel).toBe('CDIGEST01');
    expect(post!.body.text).toBe('Daily digest: MRR $30.00, up $10 this week.');
    const blocks = JSON.parse(post!.body.blocks!);
    expect(blocks[1].text.text).toBe('MRR *$30.00*, up $10 this week.');
    expect(blocks[2].fields.map((f: { text: string }) => f.text)).toEqual(['*MRR*\n$30.00', '*Customers*\n3']);
    expect(messageId).toBe(post!.result!.ts);
    expect(getUrl!.body).toMatchObject({ filename: 'mrr.png' });
    expect(getUrl!.body.alt_text).toMatch(/MRR/);
    expect(complete!.body).toMatchObject({ channel_id: 'CDIGEST01', thread_ts: messageId });
    const fileId = JSON.parse(complete!.body.files!)[0].id as string;
    expect(fake.uploads.get(fileId)!.bytes!.length).toBe(Number(getUrl!.body.length));
  });

  it('waits out a 429 for Retry-After seconds and retries', async () => {
    fake.faults.rateLimit('chat.postMessage', { times: 1, retryAfter: 1 });
    const before = fake.calls.length;
    const started = performance.now();
    await deliverer.post(dest('CDIGEST01'), { ...digest, charts: [] });
    const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('throws a transient error when rate limits outlast the retries', async () => {
    fake.faults.rateLimit('chat.postMessage', { times: 5, retryAfter: 0 });
    const err = await deliverer.post(dest('CDIGEST01'), digest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('turns channel_not_found into PermanentDeliveryError after one attempt', async () => {
    fake.faults.error('chat.postMessage', 'channel_not_found', { when: (b) => b.channel === 'CGONE0001' });
    const before = fake.calls.length;
    const err = await deliverer.post(dest('CGONE0001'), digest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('channel_not_found');
    expect(fake.calls.slice(before).map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it.each(['not_in_channel', 'is_archived', 'account_inactive'])(
    'turns %s into PermanentDeliveryError',
    async (code) => {
      fake.faults.error('chat.postMessage', code);
      const err = await deliverer.post(dest('CDIGEST01'), digest).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentDeliveryError);
      expect((err as PermanentDeliveryError).code).toBe(code);
    },
  );

  it('treats a revoked or wrong token (invalid_auth) as permanent', async () => {
    const stranger = new SlackDeliverer({
      botToken: 'xoxb-not-the-right-token',
      apiUrl: fake.apiUrl,
      log,
      retryConfig: fastRetries,
    });
    const err = await stranger.post(dest('CDIGEST01'), digest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('invalid_auth');
  });

  it('throws other Slack errors as transient', async () => {
    fake.faults.error('chat.postMessage', 'internal_error', { times: 1 });
    const err = await deliverer.post(dest('CDIGEST01'), digest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('never posts an ephemeral answer to a channel', async () => {
    const before = fake.calls.length;
    const err = await deliverer
      .post(dest('CDIGEST01'), { ...digest, visibility: 'ephemeral', memberLevel: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).code).toBe('private_answer');
    expect(fake.calls.length).toBe(before);
  });
});
