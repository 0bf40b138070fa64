// Hostile Whop strings (member names, a username, company and course titles that are Slack or Discord markup)
// through the whole Slack path: `/pulse` commands and App Home on the real app (signed requests, answers at the
// fake Slack's response_url and views.publish) and the digest and churn alert posted by SlackDeliverer with
// chat.postMessage. The notification `text` and every mrkdwn block must show the names and hold no live
// <!…>, <@…>, <#…> or <http…|…>, no bare link to the attacker's host and no data formatting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { buildChurnAlert } from '../../bot/messages/churn-alert.ts';
import { buildDigest } from '../../bot/messages/digest.ts';
import { findTenant, type Tenant } from '../../core/tenancy/index.ts';
import { startSlackRig, type SlackRig } from '../slack/harness.ts';
import { buildHostileCompany, expectInertSlack, NOW, type HostileCompany } from './hostile-company.ts';

const TEAM = 'THOSTILE1';
const STAFF = 'CSTAFFH01';
const ADMIN = { teamId: TEAM, userId: 'UADMINH01', channelId: STAFF };
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Slack: data from Whop is shown, never live', () => {
  let rig: SlackRig;
  let co: HostileCompany;
  let tenant: Tenant;
  beforeAll(async () => {
    rig = await startSlackRig({ now: () => NOW });
    co = await buildHostileCompany(rig.db.url);
    await rig.link(TEAM, co.id, { staffChannelId: STAFF });
    await rig.pool.query(
      'update workspace_links set digest_channel_id = $2, alert_channel_id = $2 where external_id = $1',
      [TEAM, STAFF],
    );
    rig.fake.addUser({ id: ADMIN.userId, teamId: TEAM, isAdmin: true });
    tenant = (await findTenant(rig.pool, 'slack', TEAM))!;
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('/pulse churn in the staff channel: the list and the notification text', async () => {
    await rig.command(ADMIN, 'churn', 'hostile-churn');
    const [r] = await rig.responses('hostile-churn');
    expectInertSlack(r!.body, /Verify payout/);
  });

  it('/pulse content for the hostile course and /pulse setup with the hostile company name', async () => {
    await rig.command(ADMIN, `content item:${co.courseId}`, 'hostile-content');
    const [content] = await rig.responses('hostile-content');
    expectInertSlack(content!.body, /Lesson 1/);
    await rig.command(ADMIN, 'setup', 'hostile-setup');
    const [setup] = await rig.responses('hostile-setup');
    expectInertSlack({ blocks: setup!.body.blocks }, /Acme/, [`<#${STAFF}>`]);
    expect(JSON.stringify(setup!.body.blocks)).toContain(`<#${STAFF}>`);
  });

  it('App Home: the urgent alerts name the members as text', async () => {
    const before = rig.fake.calls.length;
    await rig.openHome(ADMIN);
    const call = await rig.fake.waitFor(
      () => rig.fake.calls.slice(before).find((c) => c.method === 'views.publish'),
      10_000,
    );
    expectInertSlack({ blocks: JSON.parse(call.body.view!).blocks }, /Sub/);
  });

  it('the digest and a churn alert posted with chat.postMessage by SlackDeliverer', async () => {
    const deliverer = new SlackDeliverer({
      botToken: rig.fake.token,
      apiUrl: rig.fake.apiUrl,
      log,
      retryConfig: { retries: 0 },
    });
    const to = { platform: 'slack' as const, workspaceId: TEAM, channelId: STAFF };
    const before = rig.fake.calls.length;
    await deliverer.post(to, await buildDigest(rig.app.shared, tenant, { kind: 'daily', asOf: NOW }));
    // One member: the alert's title, and so the notification text, is their name.
    await deliverer.post(to, await buildChurnAlert(rig.app.shared, tenant, [{ predictionId: co.channelPrediction }]));
    await deliverer.post(
      to,
      await buildChurnAlert(
        rig.app.shared,
        tenant,
        co.predictions.map((predictionId) => ({ predictionId })),
      ),
    );
    const posts = rig.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(3);
    const message = (i: number) => ({ text: posts[i]!.body.text, blocks: JSON.parse(posts[i]!.body.blocks!) });
    expectInertSlack(message(0), /Daily digest/);
    expectInertSlack(message(1), /Chan/);
    expect(String(posts[1]!.body.text)).toMatch(/^Churn alert: .*Chan/);
    expectInertSlack(message(2), /Pay here/);
  });
});
