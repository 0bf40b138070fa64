// The delivery runner hands each delivery's key to the Discord deliverer: the post to the fake Discord carries
// `nonce: pulse-d<delivery id>` with `enforce_nonce: true`, so a delivery posted again after its success went
// unrecorded (the worker died between Discord's answer and the ledger write) gets the first message back from
// Discord instead of a second message in the channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclaimDue } from '../../core/delivery/index.ts';
import { postClaimed } from '../../server/jobs/delivery-runner.ts';
import { scanCompanyChurnAlerts } from '../../server/jobs/churn-alert-scan.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import type { CompanyFixture } from '../helpers/fixtures.ts';
import { openDeliveryWorld, type DeliveryWorld } from './world.ts';

const ALERT_CHANNEL = '710000000000000301';
const SCORED = new Date('2026-11-20T04:30:00Z');
const SCAN = new Date('2026-11-20T04:31:00Z');

describe("the delivery runner's Discord nonce", () => {
  let w: DeliveryWorld;
  let co: CompanyFixture;

  beforeAll(async () => {
    w = await openDeliveryWorld();
    co = await w.fx.company();
    const ann = await co.member({ name: 'Ann' });
    await prediction(w.pool, co.id, ann.id, { scoredAt: SCORED, risk: 'critical' });
    await w.link(co.id, 'discord', '810000000000000301', {
      alertChannelId: ALERT_CHANNEL,
      staffChannelId: ALERT_CHANNEL,
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  const channelPosts = () =>
    w.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${ALERT_CHANNEL}/messages`);

  it("posts with the delivery's key as an enforced nonce, and a repeat after an unrecorded success makes no second message", async () => {
    const first = await scanCompanyChurnAlerts(w.context({ now: () => SCAN }), co.id, SCAN);
    expect(first.outcomes).toHaveLength(1);
    const delivery = first.claimed[0]!;
    const posted = first.outcomes[0]!;
    if (posted.status !== 'posted') throw new Error(`not posted: ${posted.status}`);
    expect(channelPosts().map((r) => [r.json.nonce, r.json.enforce_nonce])).toEqual([[`pulse-d${delivery.id}`, true]]);

    // The worker died after Discord created the message but before the ledger recorded it: the claim is still
    // open, its lease runs out, and another worker takes it over and posts it again.
    await w.pool.query(
      `update deliveries set status = 'claimed', message_id = null, posted_at = null, lease_until = $2 where id = $1`,
      [delivery.id, SCAN],
    );
    const later = new Date(SCAN.getTime() + 60_000);
    const taken = (await reclaimDue(w.pool, { now: later, leaseMs: 60_000, limit: 10, platforms: ['discord'] })).filter(
      (d) => d.id === delivery.id,
    );
    expect(taken).toHaveLength(1);
    const [again] = await postClaimed(w.context({ now: () => later }), taken);

    expect(channelPosts().map((r) => r.json.nonce)).toEqual([`pulse-d${delivery.id}`, `pulse-d${delivery.id}`]);
    // Discord recognised the nonce: the second post returned the first message, so the ledger records that one.
    expect(again).toEqual({ status: 'posted', messageId: posted.messageId });
    const { rows } = await w.pool.query('select status, message_id, attempts from deliveries where id = $1', [
      delivery.id,
    ]);
    expect(rows).toEqual([{ status: 'posted', message_id: posted.messageId, attempts: 2 }]);
  });
});
