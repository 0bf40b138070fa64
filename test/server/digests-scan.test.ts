// digests:scan with the clock injected, through the real ledger, buildDigest and the real Discord and Slack
// deliverers against their fakes: a digest at 09:00 Europe/Berlin fires once on each day around both DST
// changes of 2026; a 429 is waited out and retried; a 5xx past the client's retries is retried by the
// ledger after its backoff; a deleted channel is failed for good and shown by deliveryStatus.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryStatus } from '../../core/delivery/index.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { retryDeliveries } from '../../server/jobs/deliveries-retry.ts';
import { scanDigests } from '../../server/jobs/digests-scan.ts';
import { openDeliveryWorld, type DeliveryWorld } from '../delivery/world.ts';

const MIN = 60_000;
const DISCORD_CHANNEL = '710000000000000101';
const SLACK_CHANNEL = 'C0DIGEST01';

describe('digests:scan', () => {
  let w: DeliveryWorld;
  let companyId: number;

  beforeAll(async () => {
    w = await openDeliveryWorld();
    const co = await w.fx.company({ timeZone: 'Europe/Berlin', tier: 'enterprise' });
    companyId = co.id;
    const plan = await co.plan({ price: 2500, periodDays: 30 });
    for (let i = 0; i < 4; i++)
      await co.subscribe(await co.member({ name: `M${i}` }), plan, { at: `2025-12-0${i + 1}T10:00:00Z`, payments: 12 });
    await refreshCompany(w.pool, companyId, { asOf: new Date('2026-03-20T00:00:00Z') });
    await w.link(companyId, 'discord', '810000000000000101', { digestChannelId: DISCORD_CHANNEL, digestHour: 9 });
    await w.link(companyId, 'slack', 'T0BERLIN', { digestChannelId: SLACK_CHANNEL, digestHour: 9 });
  });
  afterAll(async () => {
    await w?.close();
  });
  beforeEach(async () => {
    w.discord.faults.clear();
    w.slack.faults.clear();
    w.discord.requests.length = 0;
    w.slack.calls.length = 0;
    await w.pool.query('delete from deliveries');
  });

  /** Runs the scan every 5 minutes over [from, to) with the clock at each step; returns each post's step. */
  async function scanEvery5Minutes(from: string, to: string): Promise<string[]> {
    const fired: string[] = [];
    for (let ms = Date.parse(from); ms < Date.parse(to); ms += 5 * MIN) {
      const now = new Date(ms);
      const scan = await scanDigests(w.context({ now: () => now }));
      for (const d of scan.claimed) fired.push(`${d.platform} ${d.period} ${now.toISOString()}`);
      expect(scan.outcomes.every((o) => o.status === 'posted')).toBe(true);
    }
    return fired;
  }

  it('fires the 09:00 Europe/Berlin digest once on each day around 29 March 2026 (spring forward)', async () => {
    const fired = await scanEvery5Minutes('2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z');
    expect(fired).toEqual([
      'discord 2026-03-28 2026-03-28T08:00:00.000Z',
      'slack 2026-03-28 2026-03-28T08:00:00.000Z', // 09:00 CET
      'discord 2026-03-29 2026-03-29T07:00:00.000Z',
      'slack 2026-03-29 2026-03-29T07:00:00.000Z', // 09:00 CEST
      'discord 2026-03-30 2026-03-30T07:00:00.000Z',
      'slack 2026-03-30 2026-03-30T07:00:00.000Z',
    ]);
    // The platforms received exactly those posts, each a daily digest (posts to the two run side by side).
    const accepted = w.accepted();
    expect(accepted.filter((a) => a.platform === 'discord').map((a) => `${a.channelId} ${a.title}`)).toEqual(
      ['27 Mar 2026', '28 Mar 2026', '29 Mar 2026'].map((d) => `${DISCORD_CHANNEL} Daily digest · ${d}`),
    );
    expect(
      accepted.filter((a) => a.platform === 'slack').map((a) => `${a.channelId} ${a.title.includes('Daily digest')}`),
    ).toEqual(Array(3).fill(`${SLACK_CHANNEL} true`));
  });

  it('fires it once on each day around 25 October 2026 (fall back: 09:00 is 07:00Z, then 08:00Z)', async () => {
    const fired = await scanEvery5Minutes('2026-10-23T22:00:00Z', '2026-10-26T23:00:00Z');
    expect(fired.filter((f) => f.startsWith('discord'))).toEqual([
      'discord 2026-10-24 2026-10-24T07:00:00.000Z',
      'discord 2026-10-25 2026-10-25T08:00:00.000Z',
      'discord 2026-10-26 2026-10-26T08:00:00.000Z',
    ]);
    expect(w.accepted()).toHaveLength(6);
  });

  it('a 429 from Discord and from Slack is waited out and the post retried, once', async () => {
    w.discord.faults.fail({ status: 429, retryAfter: 0.3, path: /^\/channels\// });
    w.slack.faults.rateLimit('chat.postMessage', { retryAfter: 1 });
    const now = new Date('2026-11-26T08:10:00Z'); // 09:10 in Berlin
    const scan = await scanDigests(w.context({ now: () => now }));
    expect(scan.outcomes.map((o) => o.status)).toEqual(['posted', 'posted']);
    expect(
      w.discord.requests.filter((r) => r.path === `/channels/${DISCORD_CHANNEL}/messages`).map((r) => r.status),
    ).toEqual([429, 200]);
    expect(w.slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(w.accepted()).toHaveLength(2);
    const { rows } = await w.pool.query('select platform, status, attempts from deliveries order by platform');
    expect(rows).toEqual([
      { platform: 'discord', status: 'posted', attempts: 1 },
      { platform: 'slack', status: 'posted', attempts: 1 },
    ]);
  });

  it("a 5xx that outlasts the client's own retries is retried by the ledger after its backoff", async () => {
    w.discord.faults.fail({ status: 503, times: 20, path: /^\/channels\// });
    let now = new Date('2026-11-26T08:10:00Z');
    const ctx = w.context({ now: () => now });
    const scan = await scanDigests(ctx);
    const discordOutcome = scan.outcomes[scan.claimed.findIndex((d) => d.platform === 'discord')];
    expect(discordOutcome).toMatchObject({ status: 'retry', retryAt: new Date(now.getTime() + 30_000) });
    w.discord.faults.clear();
    expect(await retryDeliveries(ctx)).toEqual([]); // not before the backoff
    now = new Date(now.getTime() + 30_000);
    expect(await retryDeliveries(ctx)).toEqual([{ status: 'posted', messageId: expect.stringMatching(/^\d+$/) }]);
    expect(w.accepted().filter((a) => a.platform === 'discord')).toHaveLength(1);
    const {
      rows: [d],
    } = await w.pool.query(`select status, attempts, error from deliveries where platform = 'discord'`);
    expect(d).toEqual({ status: 'posted', attempts: 2, error: null });
  });

  it('a deleted channel fails for good, is not retried, and shows in deliveryStatus', async () => {
    w.discord.faults.unknownChannels.add(DISCORD_CHANNEL);
    w.slack.faults.error('chat.postMessage', 'channel_not_found');
    let now = new Date('2026-11-26T08:10:00Z');
    const ctx = w.context({ now: () => now });
    const scan = await scanDigests(ctx);
    expect(scan.outcomes.map((o) => o.status)).toEqual(['failed', 'failed']);
    now = new Date('2026-11-26T22:55:00Z'); // 23:55 in Berlin: all day long nothing was retried or claimed again
    expect(await retryDeliveries(ctx)).toEqual([]);
    expect((await scanDigests(ctx)).claimed).toEqual([]);
    expect(w.discord.requests.filter((r) => r.path.startsWith('/channels/'))).toHaveLength(1);
    const status = await deliveryStatus(w.pool, companyId);
    expect([...status.failed].sort((a, b) => a.platform.localeCompare(b.platform))).toEqual([
      expect.objectContaining({
        kind: 'daily_digest',
        period: '2026-11-26',
        platform: 'discord',
        channelId: DISCORD_CHANNEL,
        attempts: 1,
        error: 'discord_10003: Discord refused the post: Unknown Channel (404, code 10003)',
      }),
      expect.objectContaining({
        kind: 'daily_digest',
        period: '2026-11-26',
        platform: 'slack',
        channelId: SLACK_CHANNEL,
        attempts: 1,
        error: 'channel_not_found: Slack refused the post: channel_not_found',
      }),
    ]);
    expect(w.logs.some((l) => l.msg === 'delivery failed for good' && l.fields.companyId === companyId)).toBe(true);
  });
});
