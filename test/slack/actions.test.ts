// Button and select clicks (block_actions) through POST /slack/events: ack first, then the shared dispatcher's
// checks — a churn button for another team's company is refused and writes nothing, an ordinary member is
// refused — and the answer replaces the message only when that cannot widen who sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionIds, blockTexts, type SlackRig } from './harness.ts';
import { ADMIN_A, MEMBER_A, startTwoTeams, ADMIN_B, type SlackCompanies } from './fixture.ts';

describe('Slack block actions', () => {
  let rig: SlackRig;
  let co: SlackCompanies;
  const feedback = async (predictionId: number) =>
    (
      await rig.pool.query<{ label: string; given_by: string }>(
        'select label, given_by from churn_feedback where prediction_id = $1',
        [predictionId],
      )
    ).rows;

  beforeAll(async () => {
    ({ rig, co } = await startTwoTeams());
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('marks a member contacted, privately, recording who did it; the ack came first', async () => {
    const release = rig.fake.faults.hold('users.info');
    const ack = await rig.click(ADMIN_A, `p1:churn:contacted:${co.a.predictions.ann}`, 'contacted', {
      container: 'ephemeral',
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    release();
    const [r] = await rig.responses('contacted');
    expect(r!.at).toBeGreaterThan(ack.at);
    expect(r!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('*Ann Archer* is marked as contacted by you');
    expect(await feedback(co.a.predictions.ann)).toEqual([{ label: 'contacted', given_by: `slack:${ADMIN_A.userId}` }]);
  });

  it("refuses a button that names another team's row, and writes nothing", async () => {
    await rig.click(ADMIN_A, `p1:churn:contacted:${co.b.predictions.zed}`, 'foreign');
    const [r] = await rig.responses('foreign');
    expect(r!.body.response_type).toBe('ephemeral');
    const text = blockTexts(r!.body.blocks).join('\n');
    expect(text).toContain('Not available here');
    expect(text).not.toContain('Zed');
    expect(await feedback(co.b.predictions.zed)).toEqual([]);
    const actioned = await rig.pool.query('select actioned_at from churn_predictions where id = $1', [
      co.b.predictions.zed,
    ]);
    expect(actioned.rows[0].actioned_at).toBeNull();
  });

  it("refuses an ordinary member's click, and writes nothing", async () => {
    await rig.click(MEMBER_A, `p1:churn:snooze:${co.a.predictions.ben}`, 'member-click');
    const [r] = await rig.responses('member-click');
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('Pulse is for the team');
    expect(await feedback(co.a.predictions.ben)).toEqual([]);
  });

  it('switches the period in place: the select replaces the revenue message', async () => {
    await rig.click(ADMIN_A, 'p1:period:revenue', 'period', { selected: 'last_month' });
    const [r] = await rig.responses('period');
    expect(r!.body).toMatchObject({ replace_original: true, response_type: 'in_channel' });
    const texts = blockTexts(r!.body.blocks);
    expect(texts[0]).toContain('Revenue · Last month');
    expect(texts).toContain('*MRR*\n$30\n$0 (0%) in the period');
  });

  it('never replaces a message the channel sees with member names: the next page comes as a private reply', async () => {
    // B's list has one member: page 0 is the only page, asked from a public message outside a staff channel.
    await rig.click(ADMIN_B, 'p1:page:churn:all:0', 'page-public', { container: 'message' });
    const [r] = await rig.responses('page-public');
    expect(r!.body).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('Zed Zimmer');
  });

  it('pages an ephemeral churn list in place', async () => {
    await rig.click(ADMIN_A, 'p1:page:churn:all:0', 'page-ephemeral', { container: 'ephemeral' });
    const [r] = await rig.responses('page-ephemeral');
    expect(r!.body).toMatchObject({ replace_original: true });
    expect(actionIds(r!.body.blocks)).toContain(`p1:churn:snooze:${co.a.predictions.ben}`);
  });

  it("opens the setup modal for an admin (views.open with the click's trigger_id)", async () => {
    const before = rig.fake.calls.length;
    await rig.click(ADMIN_A, 'p1:setup:key', 'setup-admin');
    const open = await rig.fake.waitFor(() => rig.fake.calls.slice(before).find((c) => c.method === 'views.open'));
    expect(open.body.trigger_id).toMatch(/^trig\.UADMINA01\./);
    const view = JSON.parse(open.body.view!);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'pulse_setup',
      private_metadata: JSON.stringify({ channelId: ADMIN_A.channelId }),
    });
    expect(view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual([
      'whop_key',
      'whop_company',
      'digest_channel',
      'alert_channel',
      'time_zone',
      'digest_hour',
    ]);
    expect(view.blocks[2].element.type).toBe('conversations_select');
    expect(open.result?.ok).toBe(true);
  });

  it('does not open the setup modal for a member', async () => {
    const before = rig.fake.calls.length;
    await rig.click(MEMBER_A, 'p1:setup:key', 'setup-member');
    const [r] = await rig.responses('setup-member');
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('Only server or workspace admins');
    expect(rig.fake.calls.slice(before).filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('answers a forged or outdated button id with a short private note', async () => {
    await rig.click(ADMIN_A, 'p1:churn:contacted:not-a-number', 'forged');
    const [r] = await rig.responses('forged');
    expect(r!.body.response_type).toBe('ephemeral');
    expect(blockTexts(r!.body.blocks).join('\n')).toContain('This button is no longer valid');
  });
});
