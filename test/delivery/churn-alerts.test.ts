// churn:alert-scan against the latest scoring, through the real ledger, buildChurnAlert and the deliverers
// on the fake Discord and Slack: a member at critical/high alerts once per risk episode, not at every scan;
// the episode ends when a scoring puts them below high, and a later return alerts again; snoozed members
// are skipped until the snooze ends; many new members go out as one post per destination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCompanyChurnAlerts } from '../../server/jobs/churn-alert-scan.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import type { CompanyFixture, Row } from '../helpers/fixtures.ts';
import { openDeliveryWorld, type DeliveryWorld } from './world.ts';

const ALERT_CHANNEL = '710000000000000201';
const SLACK_ALERTS = 'C0ALERTS01';
const T1 = new Date('2026-11-20T04:30:00Z');
const T2 = new Date('2026-11-21T04:30:00Z');
const T3 = new Date('2026-11-28T04:30:00Z');
type Risk = 'critical' | 'high' | 'medium' | 'low';

describe('churn alert scan', () => {
  let w: DeliveryWorld;
  let co: CompanyFixture;
  const m: Record<string, Row> = {};
  const predictionIds = new Map<string, number>();

  /** One scoring: each named member's prediction at `at`. */
  async function score(at: Date, risks: Record<string, Risk>): Promise<void> {
    for (const [name, risk] of Object.entries(risks))
      predictionIds.set(
        `${name}@${at.toISOString()}`,
        await prediction(w.pool, co.id, m[name]!.id, { scoredAt: at, risk }),
      );
  }
  const scan = (now: Date) => scanCompanyChurnAlerts(w.context({ now: () => now }), co.id, now);
  const pid = (name: string, at: Date) => predictionIds.get(`${name}@${at.toISOString()}`)!;
  const alertPosts = () => w.accepted().filter((a) => a.channelId === ALERT_CHANNEL || a.channelId === SLACK_ALERTS);

  beforeAll(async () => {
    w = await openDeliveryWorld();
    co = await w.fx.company({ timeZone: 'America/New_York' });
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) m[name] = await co.member({ name });
    // Names are shown in the Discord alert channel (it is the staff channel); Slack's gets the count.
    await w.link(co.id, 'discord', '810000000000000201', {
      alertChannelId: ALERT_CHANNEL,
      staffChannelId: ALERT_CHANNEL,
      digestChannelId: '710000000000000202',
    });
    await w.link(co.id, 'slack', 'T0ALERTS', { alertChannelId: SLACK_ALERTS });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('alerts the members newly at critical or high, once, skipping the snoozed one', async () => {
    await score(T1, { Ann: 'critical', Bob: 'high', Cat: 'medium', Dan: 'critical' });
    await w.pool.query('update churn_predictions set snoozed_until = $2 where id = $1', [
      pid('Dan', T1),
      new Date(T1.getTime() + 7 * 86_400_000),
    ]);
    const first = await scan(new Date(T1.getTime() + 60_000));
    expect(first.opened.map((o) => o.predictionId).sort()).toEqual([pid('Ann', T1), pid('Bob', T1)].sort());
    expect(first.claimed.map((d) => `${d.platform} ${d.channelId}`).sort()).toEqual([
      `discord ${ALERT_CHANNEL}`,
      `slack ${SLACK_ALERTS}`,
    ]);
    expect(first.claimed[0]!.payload).toEqual({ predictionIds: first.opened.map((o) => o.predictionId) });
    expect(first.outcomes.map((o) => o.status)).toEqual(['posted', 'posted']);
    const discordPost = w.discord.requests.find((r) => r.path === `/channels/${ALERT_CHANNEL}/messages`)!;
    expect(discordPost.json.embeds[0].title).toBe('Churn alert: 2 members newly at high or critical risk'); // Ann critical, Bob high
    expect(JSON.stringify(discordPost.json)).toContain('Ann');
    expect(JSON.stringify(discordPost.json)).not.toContain('Dan');

    // Every later scan of the same scoring alerts nobody.
    for (let i = 2; i <= 4; i++) expect((await scan(new Date(T1.getTime() + i * 3_600_000))).claimed).toEqual([]);
    expect(alertPosts()).toHaveLength(2);
  });

  it('a member still critical at the next scoring is not alerted again; one who fell below high closes the episode', async () => {
    await score(T2, { Ann: 'critical', Bob: 'medium', Cat: 'medium', Dan: 'critical' });
    const s = await scan(new Date(T2.getTime() + 60_000));
    expect(s).toMatchObject({ opened: [], closed: 1, claimed: [] });
    const { rows } = await w.pool.query<{ member_id: string; ended_at: Date | null }>(
      'select member_id, ended_at from churn_alerts where company_id = $1 order by id',
      [co.id],
    );
    expect(rows.map((r) => [Number(r.member_id), r.ended_at])).toEqual(
      [
        [m.Ann!.id, null],
        [m.Bob!.id, T2],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(alertPosts()).toHaveLength(2);
  });

  it('a return to high risk is a new episode, and the snoozed member alerts once the snooze is over', async () => {
    await score(T3, { Ann: 'critical', Bob: 'high', Cat: 'low', Dan: 'critical' });
    const s = await scan(new Date(T3.getTime() + 60_000));
    expect(s.opened.map((o) => o.predictionId).sort()).toEqual([pid('Bob', T3), pid('Dan', T3)].sort());
    expect(s.outcomes.map((o) => o.status)).toEqual(['posted', 'posted']);
    expect(alertPosts()).toHaveLength(4);
    const { rows } = await w.pool.query<{ n: number }>(
      'select count(*)::int as n from churn_alerts where company_id = $1 and ended_at is null',
      [co.id],
    );
    expect(rows[0]!.n).toBe(3); // Ann (since T1), Bob (since T3), Dan (since T3)
  });

  it('many members turning critical at once go out as one post per destination', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => co.member({ name: `Many ${i}` })));
    const T4 = new Date('2026-11-29T04:30:00Z');
    for (const [i, member] of many.entries())
      await prediction(w.pool, co.id, member.id, { scoredAt: T4, risk: i % 2 ? 'critical' : 'high' });
    await score(T4, { Ann: 'critical', Bob: 'high', Dan: 'critical' });
    const s = await scan(new Date(T4.getTime() + 60_000));
    expect(s.opened).toHaveLength(12);
    expect(s.claimed).toHaveLength(2);
    expect((s.claimed[0]!.payload as { predictionIds: number[] }).predictionIds).toHaveLength(12);
    expect(alertPosts()).toHaveLength(6);
  });
});
