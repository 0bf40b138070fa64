// App Home through the Events API: app_home_opened (acked before anything runs) publishes the viewer's Home with
// their company's headline numbers and its most urgent open churn alerts, fresh at every opening; a member sees a
// refusal, another team its own company only; a button pressed on Home re-publishes it with the result on top.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../fakes/slack/server.ts';
import { blockTexts, type SlackRig } from './harness.ts';
import { ADMIN_A, ADMIN_B, MEMBER_A, startTwoTeams, type SlackCompanies } from './fixture.ts';

describe('Slack App Home', () => {
  let rig: SlackRig;
  let co: SlackCompanies;
  beforeAll(async () => {
    ({ rig, co } = await startTwoTeams());
  });
  afterAll(async () => {
    await rig?.close();
  });

  async function published(userId: string, after: number): Promise<{ call: SlackCall; text: string }> {
    const call = await rig.fake.waitFor(
      () => rig.fake.calls.slice(after).find((c) => c.method === 'views.publish' && c.body.user_id === userId),
      10_000,
    );
    const view = JSON.parse(call.body.view!);
    expect(view.type).toBe('home');
    return { call, text: blockTexts(view.blocks).join('\n') };
  }

  it("publishes the company's numbers and urgent alerts for an admin, after acking the event", async () => {
    const before = rig.fake.calls.length;
    const release = rig.fake.faults.hold('users.info');
    const ack = await rig.openHome(ADMIN_A);
    expect(ack.status).toBe(200);
    release();
    const { call, text } = await published(ADMIN_A.userId, before);
    expect(call.at).toBeGreaterThan(ack.at);
    expect(call.result?.ok).toBe(true);
    // Last 30 days up to Apr 15: Ann, Ben and Cat paid through May => $30.
    expect(text).toContain('*MRR*\n$30\n');
    expect(text).toContain('Most urgent churn alerts');
    expect(text).toContain('*1. Ann Archer* · Risk: critical · Churn chance: 80%');
    expect(text).toContain('*2. Ben Baker* · Risk: high · Churn chance: 60%');
    expect(text).not.toContain('Zed');
  });

  it('is refreshed when opened again: a member marked contacted leaves the alerts', async () => {
    await rig.click(ADMIN_A, `p1:churn:contacted:${co.a.predictions.ann}`, 'mark-ann', { container: 'ephemeral' });
    await rig.responses('mark-ann');
    const before = rig.fake.calls.length;
    await rig.openHome(ADMIN_A);
    const { text } = await published(ADMIN_A.userId, before);
    expect(text).not.toContain('Ann Archer');
    expect(text).toContain('*1. Ben Baker*');
  });

  it('shows another team its own company only', async () => {
    const before = rig.fake.calls.length;
    await rig.openHome(ADMIN_B);
    const { text } = await published(ADMIN_B.userId, before);
    expect(text).toContain('*MRR*\n$99\n');
    expect(text).toContain('Zed Zimmer');
    expect(text).not.toMatch(/Ann Archer|Ben Baker|\$30/);
  });

  it('shows an ordinary member a refusal, with no figures or names', async () => {
    const before = rig.fake.calls.length;
    await rig.openHome(MEMBER_A);
    const { text } = await published(MEMBER_A.userId, before);
    expect(text).toContain('Pulse is for the team');
    expect(text).not.toMatch(/\$30|Ben Baker/);
  });

  it("re-publishes Home with a button's result on top", async () => {
    const before = rig.fake.calls.length;
    await rig.click(ADMIN_A, `p1:churn:snooze:${co.a.predictions.ben}`, 'home-click', { container: 'home' });
    const { text } = await published(ADMIN_A.userId, before);
    expect(text.indexOf('Snoozed for 7 days')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Snoozed for 7 days')).toBeLessThan(text.indexOf('*MRR*'));
    expect(text).not.toContain('*1. Ben Baker*');
  });

  it('tells an admin of a company being erased why Pulse stopped, and shows no figures (last: it erases B)', async () => {
    await rig.pool.query(
      `update companies set erase_requested_at = now(), erase_after = '2026-04-22T00:00:00Z' where id = $1`,
      [co.b.id],
    );
    const before = rig.fake.calls.length;
    await rig.openHome(ADMIN_B);
    const { text } = await published(ADMIN_B.userId, before);
    expect(text).toContain('erase this company');
    expect(text).toContain('2026-04-22');
    expect(text).not.toMatch(/\$99|Zed Zimmer/);
  });
});
