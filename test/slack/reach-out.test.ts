// "Reach out" on a churn row in Slack, through POST /slack/events: the block action opens a modal (views.open with
// the click's trigger id) holding the template, the view_submission sends the text through the fake Whop's
// support chat (@whop/sdk) exactly once for that click — submitting the same modal again sends nothing — and the
// modal shows what happened (views.update). Another team's admin is refused, on the button and on a form whose
// metadata names another company's member. Fixture: fixture.ts (NOW = 15 Apr 2026 12:00 UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { companyStore } from '../../demo/fake-whop/store.ts';
import { formContentType, viewSubmissionBody, type Who } from '../fakes/slack/requests.ts';
import type { SlackCall } from '../fakes/slack/server.ts';
import { blockTexts, startSlackRig, type SlackRig } from './harness.ts';
import { ADMIN_A, ADMIN_B, buildCompanies, NOW, TEAM_A, TEAM_B, type SlackCompanies } from './fixture.ts';

type View = { id: string; private_metadata: string; blocks: { element?: { initial_value?: string } }[] };
const viewOf = (c: SlackCall): View => JSON.parse(String(c.body.view)) as View;

describe('Reach out from a churn row (Slack)', () => {
  let rig: SlackRig;
  let whop: FakeWhop;
  let co: SlackCompanies;
  let annUser: string;

  const rows = async () =>
    (
      await rig.pool.query(
        'select company_id, prediction_id, status, channel, message from churn_outreach order by created_at',
      )
    ).rows;
  /** Clicks Reach out; the view views.open was given (with the id the fake assigned). */
  async function open(who: Who, predictionId: number, id: string): Promise<View> {
    const before = rig.fake.calls.length;
    await rig.click(who, `p1:reach:${predictionId}`, id);
    const call = await rig.fake.waitFor(() =>
      rig.fake.calls.slice(before).find((c) => c.method === 'views.open' && c.result?.ok),
    );
    return { ...viewOf(call), id: (call.result!.view as { id: string }).id };
  }
  const submit = (who: Who, view: View, text: string, privateMetadata = view.private_metadata) =>
    rig.post(
      viewSubmissionBody({
        ...who,
        callbackId: 'pulse_reach',
        viewId: view.id,
        privateMetadata,
        values: { reach_message: { value: { type: 'plain_text_input', value: text } } },
      }),
      formContentType,
    );
  /** The texts of the n-th views.update of a view (1-based), once it happened. */
  async function updated(viewId: string, n: number): Promise<string> {
    const call = await rig.fake.waitFor(() => {
      const found = rig.fake.calls.filter(
        (c) => c.method === 'views.update' && c.body.view_id === viewId && c.result?.ok,
      );
      return found.length >= n && found[n - 1];
    });
    return blockTexts(JSON.parse(String(call.body.view)).blocks).join('\n');
  }

  beforeAll(async () => {
    whop = await startFakeWhop({ dataset: { companies: [] } });
    rig = await startSlackRig({
      now: () => NOW,
      env: { WHOP_API_BASE_URL: whop.url, WHOP_API_KEY: defaultFakeApiKey },
    });
    co = await buildCompanies(rig.db.url);
    await rig.link(TEAM_A, co.a.id);
    await rig.link(TEAM_B, co.b.id);
    rig.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
    rig.fake.addUser({ id: ADMIN_B.userId, teamId: TEAM_B, isAdmin: true });
    annUser = (
      await rig.pool.query<{ whop_user_id: string }>(
        'select m.whop_user_id from churn_predictions p join members m on m.id = p.member_id where p.id = $1',
        [co.a.predictions.ann],
      )
    ).rows[0]!.whop_user_id;
    for (const c of [co.a, co.b]) whop.store.companies.set(c.whopId, companyStore(emptyCompany(c.whopId)));
    whop.store.company(co.a.whopId).members.put({
      id: 'mber_ann',
      access_level: 'customer',
      company_token_balance: 0,
      created_at: '2026-01-05T10:00:00.000Z',
      joined_at: '2026-01-05T10:00:00.000Z',
      most_recent_action: null,
      most_recent_action_at: null,
      phone: null,
      status: 'joined',
      updated_at: '2026-01-05T10:00:00.000Z',
      usd_total_spent: 40,
      user: { id: annUser, email: null, name: 'Ann Archer', username: 'annarcher' },
    });
  });
  afterAll(async () => {
    await rig?.close();
    await whop?.close();
  });

  it('opens the form with the template, sends through Whop once, and a second submission of the same form sends nothing', async () => {
    const view = await open(ADMIN_A, co.a.predictions.ann, 'reach-1');
    // Ann has no recommended action and no activity in this fixture: the general check-in.
    expect(view.blocks[0]!.element!.initial_value).toBe(
      'Hi Ann, just checking in from Acme Academy. How is it going? Anything we can help with?',
    );
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      p: co.a.predictions.ann,
      k: expect.stringMatching(/^slack:trig\./),
      c: false,
    });
    const text = 'Hi Ann, just checking in from Acme Academy. We added new lessons: want a tour?';
    const ack = await submit(ADMIN_A, view, text);
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ response_action: 'update' });
    const first = await updated(view.id, 1);
    expect(first).toContain('Message sent to Ann Archer');
    expect(first).toContain("through Whop's support chat on 15 Apr 2026 12:00 UTC");
    expect(whop.support.messagesTo(annUser).map((d) => [d.companyId, d.message.content])).toEqual([
      [co.a.whopId, text],
    ]);
    await submit(ADMIN_A, view, 'a second text for the same click');
    expect(await updated(view.id, 2)).toContain('This form was sent before; nothing was sent again.');
    expect(whop.support.messagesTo(annUser)).toHaveLength(1);
    expect(await rows()).toEqual([
      {
        company_id: String(co.a.id),
        prediction_id: String(co.a.predictions.ann),
        status: 'sent',
        channel: 'whop',
        message: text,
      },
    ]);
  });

  it("refuses another team's admin, on the button and on a form naming another company's member, and sends nothing", async () => {
    await rig.click(ADMIN_B, `p1:reach:${co.a.predictions.ann}`, 'reach-b1');
    const [answer] = await rig.responses('reach-b1');
    expect(JSON.stringify(answer!.body)).toContain('Not available here');
    expect(JSON.stringify(answer!.body)).not.toContain('Ann');
    // B's admin opens a form for their own member, then submits it with A's prediction in its metadata.
    const own = await open(ADMIN_B, co.b.predictions.zed, 'reach-b2');
    const forged = JSON.stringify({ ...JSON.parse(own.private_metadata), p: co.a.predictions.ann });
    await submit(ADMIN_B, own, 'Hi Ann, this is Bolt Studio', forged);
    const shown = await updated(own.id, 1);
    expect(shown).toContain('Not available here');
    expect(shown).not.toContain('Ann');
    expect(whop.support.delivered).toHaveLength(1);
    expect((await rows()).filter((r) => r.company_id === String(co.b.id))).toEqual([]);
  });
});
