// Failed-payment rescue end to end: signed payment webhooks to the real server, the rescue run (payments:rescue)
// on an injected clock, the real ledger and deliverers posting to the fake Discord and fake Slack. A failure alerts
// once per membership and episode (duplicate webhooks, a second failed attempt and two workers at once included),
// a later success edits the same messages to "recovered", 30 days unpaid edits them to "lost", another company's
// failure stays in its own channel, and the buttons are admin-only and tenant-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../bot/interactions/dispatch.ts';
import { buildDigest, rescueLine } from '../../bot/messages/digest.ts';
import { rescueFigures } from '../../core/rescue/index.ts';
import { findTenant } from '../../core/tenancy/index.ts';
import { rescueActionId } from '../../bot/parts/action-ids.ts';
import type { RecordedRequest } from '../fakes/discord/wire.ts';
import { makeEnvelope, sendWebhook, type WebhookEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { runPaymentRescue } from '../../server/jobs/payment-rescue-scan.ts';
import type { CompanyFixture, MembershipRow, Row } from '../helpers/fixtures.ts';
import { startWebhookApp, type WebhookApp } from '../whop/webhook-app.ts';
import { openDeliveryWorld, type DeliveryWorld } from '../delivery/world.ts';

const GUILD = '820000000000000301';
const STAFF_ALERTS = '720000000000000301';
const SLACK_TEAM = 'T0RESCUE';
const SLACK_ALERTS = 'C0RESCUE01';
const OTHER_GUILD = '820000000000000302';
const OTHER_ALERTS = '720000000000000302';
/** A role the creator granted Pulse to (moderators): they see answers, but payment buttons are for admins. */
const MOD_ROLE = '920000000000000301';
/** The first failed attempt: Dec 1 10:00 UTC (05:00 in New York). */
const T0 = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

describe('failed-payment rescue', () => {
  let w: DeliveryWorld;
  let app: WebhookApp;
  let co: CompanyFixture;
  let other: CompanyFixture;
  let ann: Row;
  let annSub: MembershipRow;
  let bob: Row;
  let bobSub: MembershipRow;
  let otherSub: MembershipRow;
  const users = new Map<number, { id: string; name: string }>();

  /** A Whop Payment as webhooks carry it, for a fixture membership. */
  function payment(
    company: CompanyFixture,
    m: MembershipRow,
    member: Row,
    p: {
      id: string;
      total: number;
      failed?: number;
      paidAt?: Date | null;
      updatedAt: Date;
      lastAttempt?: Date | null;
      nextAttempt?: Date | null;
      message?: string | null;
    },
  ) {
    const user = users.get(member.id)!;
    const paid = p.paidAt != null;
    return {
      id: p.id,
      total: p.total,
      subtotal: p.total,
      currency: 'usd',
      status: paid ? 'paid' : 'open',
      substatus: paid ? 'succeeded' : 'failed',
      billing_reason: 'subscription_cycle',
      paid_at: paid ? p.paidAt!.toISOString() : null,
      refunded_amount: null,
      refunded_at: null,
      failure_message: p.message ?? null,
      created_at: T0.toISOString(),
      updated_at: p.updatedAt.toISOString(),
      payments_failed: p.failed ?? 1,
      last_payment_attempt: p.lastAttempt?.toISOString() ?? null,
      next_payment_attempt: p.nextAttempt?.toISOString() ?? null,
      retryable: !paid,
      membership: { id: m.whopId, status: paid ? 'active' : 'past_due' },
      member: { id: `mber_${user.id}` },
      user: { id: user.id, name: user.name, username: user.name.toLowerCase().replace(' ', '_'), email: null },
      plan: { id: m.plan.whopId },
      company: { id: company.whopId },
    };
  }
  async function deliver(
    type: string,
    data: unknown,
    company: CompanyFixture,
    envelope?: WebhookEnvelope,
  ): Promise<string> {
    const r = await sendWebhook(app.target, envelope ?? makeEnvelope(type, data, company.whopId));
    expect(r.status).toBe(200);
    return JSON.parse(r.body).outcome as string;
  }
  const run = (now: Date) => runPaymentRescue(w.context({ now: () => now }), now);
  const discordPosts = (channel: string) =>
    w.discord.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${channel}/messages` && r.status === 200,
    );
  const discordEdits = (channel: string) =>
    w.discord.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${channel}/messages/`));
  const slackPosts = () =>
    w.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === SLACK_ALERTS && c.result?.ok === true);
  const slackEdits = () => w.slack.callsTo('chat.update').filter((c) => c.body.channel === SLACK_ALERTS);
  const embed = (r: RecordedRequest) =>
    r.json.embeds[0] as { title: string; fields: { name: string; value: string }[] };
  const field = (r: RecordedRequest, name: string) => embed(r).fields.find((f) => f.name === name)?.value;
  /** Slack's fallback text is the title, then ': ' and the summary's first line. */
  const titleOf = (text: string | undefined) =>
    (text ?? '').split(': A renewal failed')[0]!.split(': Recovered')[0]!.split(': Lost')[0]!;
  const buttonIds = (r: RecordedRequest) =>
    (r.json.components ?? []).flatMap((row: { components: { custom_id?: string }[] }) =>
      row.components.map((c) => c.custom_id),
    );

  beforeAll(async () => {
    w = await openDeliveryWorld();
    app = await startWebhookApp(w.db.url);
    co = await w.fx.company({ whopId: 'biz_rescue_main', timeZone: 'America/New_York', currency: 'usd' });
    other = await w.fx.company({ whopId: 'biz_rescue_other', timeZone: 'UTC', currency: 'usd' });
    // $90 a quarter: MRR 9000 / 3 = 3000 ($30). $10 a month: MRR 1000.
    const quarterly = await co.plan({ price: 9000, periodDays: 91, title: 'Inner Circle quarterly' });
    const monthly = await co.plan({ price: 1000, periodDays: 30, title: 'Monthly' });
    ann = await co.member({ name: 'Ann Lee' });
    bob = await co.member({ name: 'Bob Ray' });
    users.set(ann.id, { id: ann.whopId, name: 'Ann Lee' });
    users.set(bob.id, { id: bob.whopId, name: 'Bob Ray' });
    annSub = await co.membership(ann, quarterly, { startedAt: '2026-09-01T10:00:00Z' });
    bobSub = await co.membership(bob, monthly, { startedAt: '2026-10-01T10:00:00Z' });
    const eve = await other.member({ name: 'Eve Other' });
    users.set(eve.id, { id: eve.whopId, name: 'Eve Other' });
    otherSub = await other.membership(eve, await other.plan({ price: 5000, periodDays: 30 }), {
      startedAt: '2026-10-01T10:00:00Z',
    });
    // Discord: the alert channel is the staff channel (names shown). Slack: a plain channel (no names).
    await w.link(co.id, 'discord', GUILD, {
      alertChannelId: STAFF_ALERTS,
      staffChannelId: STAFF_ALERTS,
      allowedRoleIds: [MOD_ROLE],
    });
    await w.link(co.id, 'slack', SLACK_TEAM, { alertChannelId: SLACK_ALERTS });
    await w.link(other.id, 'discord', OTHER_GUILD, { alertChannelId: OTHER_ALERTS, staffChannelId: OTHER_ALERTS });
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });

  let annFailed: WebhookEnvelope;

  it('a signed payment.failed alerts once on Discord and Slack, with the amount, plan, retry and MRR at stake', async () => {
    annFailed = makeEnvelope(
      'payment.failed',
      payment(co, annSub, ann, {
        id: 'pay_rescue_ann',
        total: 90,
        updatedAt: T0,
        lastAttempt: T0,
        nextAttempt: at(72 * HOUR),
        message: 'Your card was declined.',
      }),
      co.whopId,
    );
    expect(await deliver('payment.failed', null, co, annFailed)).toBe('applied');
    await deliver(
      'payment.failed',
      payment(co, bobSub, bob, { id: 'pay_rescue_bob', total: 10, updatedAt: T0, lastAttempt: T0 }),
      co,
    );

    const first = await run(at(40_000));
    expect(first.changes.map((c) => c.change)).toEqual(['opened', 'opened']);
    expect(first.outcomes.map((o) => o.status)).toEqual(['posted', 'posted', 'posted', 'posted']);

    const posts = discordPosts(STAFF_ALERTS);
    expect(posts.map((p) => embed(p).title).sort()).toEqual([
      'Failed payment: Ann Lee ($30 MRR at stake)', // $90 a quarter -> 9000 / 3 = 3000
      'Failed payment: Bob Ray ($10 MRR at stake)',
    ]);
    const annPost = posts.find((p) => embed(p).title.includes('Ann'))!;
    expect(field(annPost, 'Amount')).toBe('$90');
    expect(field(annPost, 'Plan')).toBe('Inner Circle quarterly');
    expect(field(annPost, 'MRR at stake')).toBe('$30');
    expect(field(annPost, 'Failed attempts')).toBe('1 since 1 Dec 2026 05:00 America/New_York');
    expect(field(annPost, 'Retry')).toBe('Whop retries automatically on 4 Dec 2026 05:00 America/New_York');
    expect(field(annPost, 'Reason given')).toBe('Your card was declined.');
    const bobPost = posts.find((p) => embed(p).title.includes('Bob'))!;
    expect(field(bobPost, 'Retry')).toBe(
      'Whop retries failed renewals automatically; it has not announced the next attempt; last attempt 1 Dec 2026 05:00 America/New_York',
    );
    const {
      rows: [annRescue],
    } = await w.pool.query<{ id: string }>(
      'select id from payment_rescues where company_id = $1 and membership_id = $2',
      [co.id, annSub.id],
    );
    expect(buttonIds(annPost)).toEqual(
      ['contacted', 'resolved', 'snooze'].map((a) => rescueActionId(a as 'contacted', Number(annRescue!.id))),
    );

    // Slack's alert channel is not the staff channel: no names, a button shows the member privately.
    const slack = slackPosts();
    expect(slack.map((c) => titleOf(c.body.text)).sort()).toEqual([
      'Failed payment: a member on Inner Circle quarterly ($30 MRR at stake)',
      'Failed payment: a member on Monthly ($10 MRR at stake)',
    ]);
    expect(JSON.stringify(slack.map((c) => c.body))).not.toMatch(/Ann|Bob/);
    expect(discordPosts(OTHER_ALERTS)).toEqual([]);
  });

  it('a redelivered webhook and two workers at once post nothing more; a second failed attempt edits the alert', async () => {
    expect(await deliver('payment.failed', null, co, annFailed)).toBe('duplicate');
    const [a, b] = await Promise.all([run(at(60_000)), run(at(60_000))]);
    expect([...a.changes, ...b.changes]).toEqual([]);
    expect(discordPosts(STAFF_ALERTS)).toHaveLength(2);
    expect(slackPosts()).toHaveLength(2);

    // Whop's retry fails too: the same payment, payments_failed 2, twelve hours later.
    await deliver(
      'payment.failed',
      payment(co, annSub, ann, {
        id: 'pay_rescue_ann',
        total: 90,
        failed: 2,
        updatedAt: at(12 * HOUR),
        lastAttempt: at(12 * HOUR),
        nextAttempt: at(84 * HOUR),
        message: 'Insufficient funds.',
      }),
      co,
    );
    const [c, d] = await Promise.all([run(at(12 * HOUR + 30_000)), run(at(12 * HOUR + 30_000))]);
    expect([...c.changes, ...d.changes].map((x) => x.change)).toEqual(['attempt']);
    expect(c.outcomes.length + d.outcomes.length).toBe(0);
    expect(discordPosts(STAFF_ALERTS)).toHaveLength(2);
    expect(slackPosts()).toHaveLength(2);
    const {
      rows: [annDiscord],
    } = await w.pool.query<{ message_id: string }>(
      `select message_id from deliveries where company_id = $1 and platform = 'discord' and dedupe_key like $2`,
      [co.id, `payment_alert:m${annSub.id}-e%`],
    );
    const edit = discordEdits(STAFF_ALERTS).at(-1)!;
    expect([edit.path, edit.status]).toEqual([`/channels/${STAFF_ALERTS}/messages/${annDiscord!.message_id}`, 200]);
    expect(field(edit, 'Failed attempts')).toBe('2 since 1 Dec 2026 05:00 America/New_York');
    expect(field(edit, 'Reason given')).toBe('Insufficient funds.');
    expect(titleOf(slackEdits().at(-1)!.body.text)).toBe(
      'Failed payment: a member on Inner Circle quarterly ($30 MRR at stake)',
    );
    expect(slackEdits().at(-1)!.result?.ok).toBe(true);
  });

  it('payment.succeeded for the same membership edits both alerts to recovered, buttons gone', async () => {
    const paidAt = new Date('2026-12-02T03:00:00Z'); // Dec 1 22:00 in New York
    expect(
      await deliver(
        'payment.succeeded',
        payment(co, annSub, ann, {
          id: 'pay_rescue_ann',
          total: 90,
          failed: 2,
          paidAt,
          updatedAt: paidAt,
          lastAttempt: paidAt,
        }),
        co,
      ),
    ).toBe('applied');
    const r = await run(new Date(paidAt.getTime() + 30_000));
    expect(r.changes.map((c) => c.change)).toEqual(['recovered']);
    expect(r.outcomes).toEqual([]);
    const {
      rows: [rescue],
    } = await w.pool.query(
      'select outcome, outcome_at from payment_rescues where company_id = $1 and membership_id = $2',
      [co.id, annSub.id],
    );
    expect(rescue).toEqual({ outcome: 'recovered', outcome_at: paidAt });

    const annMessage = (
      await w.pool.query<{ message_id: string; platform: string }>(
        `select message_id, platform from deliveries where company_id = $1 and kind = 'payment_alert' and dedupe_key like $2 order by platform`,
        [co.id, `payment_alert:m${annSub.id}-e%`],
      )
    ).rows;
    expect(annMessage.map((m) => m.platform)).toEqual(['discord', 'slack']);
    const edit = discordEdits(STAFF_ALERTS).at(-1)!;
    expect(edit.path).toBe(`/channels/${STAFF_ALERTS}/messages/${annMessage[0]!.message_id}`);
    expect(edit.status).toBe(200);
    expect(embed(edit).title).toBe('Recovered: Ann Lee paid ($30 MRR kept)');
    expect(buttonIds(edit)).toEqual([]);
    const slackEdit = slackEdits().at(-1)!;
    expect([slackEdit.body.ts, titleOf(slackEdit.body.text), slackEdit.result?.ok]).toEqual([
      annMessage[1]!.message_id,
      'Recovered: a member on Inner Circle quarterly paid ($30 MRR kept)',
      true,
    ]);
    expect(discordPosts(STAFF_ALERTS)).toHaveLength(2);

    // Nothing left to redraw: the next run edits nothing.
    const editsBefore = discordEdits(STAFF_ALERTS).length;
    expect((await run(new Date(paidAt.getTime() + 60_000))).edited).toBe(0);
    expect(discordEdits(STAFF_ALERTS)).toHaveLength(editsBefore);
  });

  it("another company's failure goes to its own channel only", async () => {
    const eve = { id: otherSub.memberId, whopId: users.get(otherSub.memberId)!.id };
    expect(
      await deliver(
        'payment.failed',
        payment(other, otherSub, eve, {
          id: 'pay_rescue_eve',
          total: 50,
          updatedAt: at(25 * HOUR),
          lastAttempt: at(25 * HOUR),
        }),
        other,
      ),
    ).toBe('applied');
    await run(at(25 * HOUR + 30_000));
    expect(discordPosts(OTHER_ALERTS).map((p) => embed(p).title)).toEqual([
      'Failed payment: Eve Other ($50 MRR at stake)',
    ]);
    expect(discordPosts(STAFF_ALERTS)).toHaveLength(2);
    expect(slackPosts()).toHaveLength(2);
    expect(JSON.stringify(discordPosts(STAFF_ALERTS).map((p) => p.json))).not.toContain('Eve');
  });

  it('buttons: admins only, this company only; the alert is redrawn with what was done', async () => {
    const {
      rows: [bobRescue],
    } = await w.pool.query<{ id: string }>(
      'select id from payment_rescues where company_id = $1 and membership_id = $2',
      [co.id, bobSub.id],
    );
    const id = Number(bobRescue!.id);
    const deps = { ...w.context({ now: () => at(26 * HOUR) }).botDeps };
    const click = (
      workspaceId: string,
      isAdmin: boolean,
      action: 'contacted' | 'snooze' | 'member',
      roleIds: string[] = [],
    ) =>
      runAction(deps, {
        platform: 'discord',
        workspaceId,
        channelId: STAFF_ALERTS,
        actionId: rescueActionId(action, id),
        actor: { platform: 'discord', userId: '130000000000000001', isAdmin, roleIds },
      });
    expect((await click(GUILD, false, 'contacted')).answer.title).toBe('Pulse is for the team');
    expect((await click(GUILD, false, 'contacted', [MOD_ROLE])).answer.title).toBe('Admins only');
    expect((await click(OTHER_GUILD, true, 'contacted')).answer.title).toBe('Not available here');
    const { rows: untouched } = await w.pool.query(
      'select contacted_at from payment_rescues where company_id = $1 and id = $2',
      [co.id, id],
    );
    expect(untouched).toEqual([{ contacted_at: null }]);

    const done = await click(GUILD, true, 'contacted');
    expect(done.mode).toBe('update');
    expect(done.answer.fields.find((f) => f.label === 'Follow-up')?.value).toBe(
      'contacted 2 Dec 2026 07:00 America/New_York',
    ); // T0 + 26 h = Dec 2 12:00 UTC
    const { rows: stored } = await w.pool.query(
      'select contacted_at, contacted_by from payment_rescues where company_id = $1 and id = $2',
      [co.id, id],
    );
    expect(stored).toEqual([{ contacted_at: at(26 * HOUR), contacted_by: 'discord:130000000000000001' }]);
    expect((await click(GUILD, true, 'contacted')).answer.title).toBe('Nothing to change');
    // No next attempt announced: snoozed 3 days.
    const snoozed = await click(GUILD, true, 'snooze');
    expect(snoozed.answer.fields.find((f) => f.label === 'Follow-up')?.value).toBe(
      'contacted 2 Dec 2026 07:00 America/New_York; snoozed until 5 Dec 2026 07:00 America/New_York',
    );
    const member = await click(GUILD, true, 'member');
    expect([member.mode, member.answer.visibility, member.answer.title]).toEqual([
      'reply',
      'ephemeral',
      'Failed payment: Bob Ray',
    ]);
    // The Slack copy is redrawn by the next run.
    await run(at(26 * HOUR + 20_000));
    expect(slackEdits().at(-1)!.body.blocks).toContain('snoozed until');
  });

  it('30 days unpaid: the alert turns to lost', async () => {
    const r = await run(at(720 * HOUR + 60_000));
    // Bob's and, in the other company, Eve's first failures (both Dec 1 10:00 UTC) are 720 hours old; Ann recovered.
    expect(r.changes.map((c) => [c.membershipId, c.change]).sort()).toEqual(
      [
        [bobSub.id, 'lost'],
        [otherSub.id, 'lost'],
      ].sort(),
    );
    const { rows } = await w.pool.query(
      'select outcome, outcome_at from payment_rescues where company_id = $1 and membership_id = $2',
      [co.id, bobSub.id],
    );
    expect(rows).toEqual([{ outcome: 'lost', outcome_at: at(720 * HOUR) }]);
    const edit = discordEdits(STAFF_ALERTS).at(-1)!;
    expect(embed(edit).title).toBe('Lost to a failed payment: Bob Ray ($10 MRR)');
    expect(buttonIds(edit)).toEqual([]);
  });

  it('the digest counts failed, recovered and lost-to-failure MRR by local day (worked by hand)', async () => {
    // New York days. Ann: failed Dec 1 05:00, $30 MRR, recovered Dec 2 03:00 UTC = Dec 1 22:00. Bob: failed Dec 1
    // 05:00, $10 MRR, lost Dec 31 10:00 UTC = Dec 31 05:00 (720 h unpaid). Eve is another company's.
    const tz = 'America/New_York';
    const end = at(800 * HOUR);
    const figures = (from: string, to: string, asOf = end) => rescueFigures(w.pool, co.id, { from, to }, tz, asOf);
    expect(await figures('2026-12-01', '2026-12-02')).toEqual({
      failed: { count: 2, mrrMinor: 4000 },
      recovered: { count: 1, mrrMinor: 3000 },
      lost: { count: 0, mrrMinor: 0 },
    });
    expect(await figures('2026-12-02', '2026-12-03')).toEqual({
      failed: { count: 0, mrrMinor: 0 },
      recovered: { count: 0, mrrMinor: 0 },
      lost: { count: 0, mrrMinor: 0 },
    });
    expect((await figures('2026-12-31', '2027-01-01')).lost).toEqual({ count: 1, mrrMinor: 1000 });
    expect(await figures('2026-12-01', '2027-01-01')).toEqual({
      failed: { count: 2, mrrMinor: 4000 },
      recovered: { count: 1, mrrMinor: 3000 },
      lost: { count: 1, mrrMinor: 1000 },
    });
    // As of Dec 1 20:00 UTC the recovery (Dec 2 03:00 UTC) had not happened yet.
    expect((await figures('2026-12-01', '2026-12-02', new Date('2026-12-01T20:00:00Z'))).recovered).toEqual({
      count: 0,
      mrrMinor: 0,
    });

    const tenant = (await findTenant(w.pool, 'discord', GUILD))!;
    const deps = w.context({ now: () => new Date('2026-12-02T14:00:00Z') }).botDeps;
    const digest = await buildDigest(deps, tenant, { kind: 'daily', asOf: new Date('2026-12-02T14:00:00Z') });
    expect(digest.fields.find((f) => f.label === 'Failed payments')?.value).toBe(
      '2 failed ($40 MRR at stake) · 1 recovered ($30 MRR) · $0 MRR lost to failed payments',
    );
    expect(
      rescueLine(
        { failed: { count: 0, mrrMinor: 0 }, recovered: { count: 0, mrrMinor: 0 }, lost: { count: 0, mrrMinor: 0 } },
        'usd',
      ),
    ).toBe('No failed renewals');
  });
});
