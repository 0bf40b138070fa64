// Hostile Whop strings (member names, a username, company and course titles that are Slack or Discord markup)
// through the whole Discord path: slash commands on the real app (signed interactions, answers at the fake
// Discord) and the digest and churn alert posted by DiscordDeliverer to the fake. Every recorded payload must
// show the names, hold no live mention, masked link or data formatting, and allow no mention to ping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { buildChurnAlert } from '../../bot/messages/churn-alert.ts';
import { buildDigest } from '../../bot/messages/digest.ts';
import { findTenant, type Tenant } from '../../core/tenancy/index.ts';
import { BOT_TOKEN, startDiscordRig, type DiscordRig } from '../discord/harness.ts';
import { slash, type Person } from '../discord/interactions.ts';
import { buildHostileCompany, expectInertDiscord, NOW, type HostileCompany } from './hostile-company.ts';

const GUILD = '840000000000000004';
const STAFF = '740000000000000001';
const ADMIN: Person = { userId: '640000000000000001', admin: true, name: 'Admin' };
const inStaff = { guildId: GUILD, channelId: STAFF, person: ADMIN };

describe('Discord: data from Whop is shown, never live', () => {
  let rig: DiscordRig;
  let co: HostileCompany;
  let tenant: Tenant;
  beforeAll(async () => {
    rig = await startDiscordRig({ now: () => NOW });
    co = await buildHostileCompany(rig.db.url);
    await rig.link(GUILD, co.id, { staffChannelId: STAFF });
    // Digests and alerts go to the staff channel, so they name members.
    await rig.pool.query(
      'update workspace_links set digest_channel_id = $2, alert_channel_id = $2 where external_id = $1',
      [GUILD, STAFF],
    );
    tenant = (await findTenant(rig.pool, 'discord', GUILD))!;
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/churn in the staff channel: hostile member names stay text', async () => {
    const s = await rig.shown(await rig.send(slash(inStaff, 'churn')));
    expectInertDiscord(s.json, /Verify payout/);
  });

  it('/content for one item: a course title that is a masked link and a mention stays text', async () => {
    const s = await rig.shown(await rig.send(slash(inStaff, 'content', { item: String(co.courseId) })));
    expectInertDiscord(s.json, /Lesson 1/);
  });

  it("/pulse setup: the company name stays text while Pulse's own channel mentions stay mentions", async () => {
    const s = await rig.shown(await rig.send(slash(inStaff, 'pulse setup')));
    expectInertDiscord(s.json, /Acme/, [`<#${STAFF}>`]);
    const staff = (s.json.embeds[0].fields as { name: string; value: string }[]).find(
      (f) => f.name === 'Staff channel',
    )?.value;
    expect(staff).toContain(`<#${STAFF}>`);
  });

  it('the digest and a churn alert posted to the channel through DiscordDeliverer', async () => {
    const deliverer = new DiscordDeliverer(discordRest({ token: BOT_TOKEN, apiBase: rig.fake.api }));
    const to = { platform: 'discord' as const, workspaceId: GUILD, channelId: STAFF };
    await deliverer.post(to, await buildDigest(rig.app.shared, tenant, { kind: 'daily', asOf: NOW }));
    await deliverer.post(
      to,
      await buildChurnAlert(rig.app.shared, tenant, [{ predictionId: co.markdownLinkPrediction }]),
    );
    await deliverer.post(
      to,
      await buildChurnAlert(
        rig.app.shared,
        tenant,
        co.predictions.map((predictionId) => ({ predictionId })),
      ),
    );
    const posts = rig.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${STAFF}/messages`);
    expect(posts).toHaveLength(3);
    expectInertDiscord(posts[0]!.json, /Daily digest/);
    // One member: the alert's title is their name.
    expectInertDiscord(posts[1]!.json, /^Churn alert: .*Verify payout/m);
    expect(posts[1]!.json.embeds[0].title).toMatch(/^Churn alert: /);
    expectInertDiscord(posts[2]!.json, /Sub/);
  });
});
