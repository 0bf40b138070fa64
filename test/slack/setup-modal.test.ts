// The setup modal end to end: the button opens it (views.open), a submission with bad fields is answered in the
// ack with errors under those fields, a good one turns the modal into "checking" at once and then, after the key
// was verified with a (fake) Whop and stored sealed, shows the link and the saved settings (views.update). The
// key never reaches the log, the database in clear, or any message. Where Sign in with Whop is configured,
// `/pulse setup` answers with a link page and a pasted key is neither used nor stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { blockTexts, startSlackRig, type SlackRig } from './harness.ts';
import { NOW } from './fixture.ts';

const WHOP_COMPANY = 'biz_slackSetup01';
const GOOD_KEY = 'whop_company_key_for_slack_setup_7f3a';
const team = 'TSETUP001';
const admin = { teamId: team, userId: 'USETADMIN', channelId: 'CSETUP001' };
const member = { teamId: team, userId: 'USETMEMBR', channelId: 'CSETUP001' };

type Values = Record<string, Record<string, unknown>>;
const text = (value: string) => ({ type: 'plain_text_input', value });
const values = (o: {
  key: string;
  company?: string;
  digest?: string;
  alert?: string;
  tz?: string;
  hour?: string;
}): Values => ({
  whop_key: { value: text(o.key) },
  whop_company: { value: text(o.company ?? '') },
  digest_channel: { value: { type: 'conversations_select', selected_conversation: o.digest ?? null } },
  alert_channel: { value: { type: 'conversations_select', selected_conversation: o.alert ?? null } },
  time_zone: { value: text(o.tz ?? '') },
  digest_hour: {
    value: {
      type: 'static_select',
      selected_option: o.hour === undefined ? null : { text: { type: 'plain_text', text: o.hour }, value: o.hour },
    },
  },
});

describe('Slack setup modal', () => {
  let rig: SlackRig;
  let whop: FakeWhop;
  beforeAll(async () => {
    whop = await startFakeWhop({
      dataset: { companies: [emptyCompany(WHOP_COMPANY, 'Setup Co')] },
      apiKeys: { [GOOD_KEY]: WHOP_COMPANY },
    });
    rig = await startSlackRig({ now: () => NOW, env: { WHOP_API_BASE_URL: whop.url } });
    rig.fake.addUser({ id: admin.userId, teamId: team, isAdmin: true });
    rig.fake.addUser({ id: member.userId, teamId: team });
  });
  afterAll(async () => {
    await rig?.close();
    await whop?.close();
  });

  /** Opens the modal with the button (as Slack would) and returns the view id views.open gave it. */
  async function openModal(id: string): Promise<string> {
    const before = rig.fake.calls.length;
    await rig.click(admin, 'p1:setup:key', id);
    const open = await rig.fake.waitFor(() =>
      rig.fake.calls.slice(before).find((c) => c.method === 'views.open' && c.result?.ok),
    );
    return (open.result!.view as { id: string }).id;
  }

  const submit = (who: typeof admin, viewId: string, v: Values) =>
    rig.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          team: { id: team, domain: 'setup' },
          user: { id: who.userId, team_id: team },
          api_app_id: 'APULSE',
          trigger_id: 'trig.x',
          view: {
            id: viewId,
            type: 'modal',
            callback_id: 'pulse_setup',
            private_metadata: JSON.stringify({ channelId: who.channelId }),
            state: { values: v },
            hash: 'h',
          },
        }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );

  const link = async () =>
    (
      await rig.pool.query(
        'select company_id, digest_channel_id, alert_channel_id, digest_hour from workspace_links where external_id = $1',
        [team],
      )
    ).rows[0];

  it('answers bad fields in the ack, next to the fields, and stores nothing', async () => {
    const viewId = await openModal('open-1');
    const r = await submit(admin, viewId, values({ key: 'short', tz: 'Mars/Olympus_Mons', company: 'acme' }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      response_action: 'errors',
      errors: {
        whop_key: 'Paste the whole key: one word, at least 8 characters.',
        whop_company: 'A Whop company id looks like biz_XXXXXXXX.',
        time_zone: 'Not a time zone Pulse knows: use an IANA name such as Europe/Berlin.',
      },
    });
    expect(await link()).toBeUndefined();
  });

  it("shows Whop's refusal of a wrong key in the modal and links nothing", async () => {
    const viewId = await openModal('open-2');
    const before = rig.fake.calls.length;
    const r = await submit(admin, viewId, values({ key: 'whop_key_that_whop_does_not_know', company: WHOP_COMPANY }));
    expect(JSON.parse(r.body).response_action).toBe('update');
    const update = await rig.fake.waitFor(
      () => rig.fake.calls.slice(before).find((c) => c.method === 'views.update'),
      10_000,
    );
    expect(blockTexts(JSON.parse(update.body.view!).blocks).join('\n')).toContain('The Whop key was not saved');
    expect(await link()).toBeUndefined();
  });

  it("refuses a member's submission", async () => {
    const viewId = await openModal('open-3');
    const before = rig.fake.calls.length;
    await submit(member, viewId, values({ key: GOOD_KEY, company: WHOP_COMPANY }));
    const update = await rig.fake.waitFor(
      () => rig.fake.calls.slice(before).find((c) => c.method === 'views.update'),
      10_000,
    );
    expect(blockTexts(JSON.parse(update.body.view!).blocks).join('\n')).toContain('Only server or workspace admins');
    expect(await link()).toBeUndefined();
  });

  it('links the workspace with a good key, applies channels, time zone and hour, and shows both answers', async () => {
    const viewId = await openModal('open-4');
    const before = rig.fake.calls.length;
    const r = await submit(
      admin,
      viewId,
      values({
        key: GOOD_KEY,
        company: WHOP_COMPANY,
        digest: 'CDIGEST001',
        alert: 'CALERTS01',
        tz: 'Europe/Berlin',
        hour: '9',
      }),
    );
    const ack = JSON.parse(r.body);
    expect(ack.response_action).toBe('update');
    expect(blockTexts(ack.view.blocks).join('\n')).toContain('Checking your key with Whop');
    const update = await rig.fake.waitFor(
      () => rig.fake.calls.slice(before).find((c) => c.method === 'views.update'),
      10_000,
    );
    expect(update.body.view_id).toBe(viewId);
    const shown = blockTexts(JSON.parse(update.body.view!).blocks).join('\n');
    expect(shown).toContain(`Linked to ${WHOP_COMPANY}`);
    expect(shown).toContain('Pulse settings saved');
    expect(shown).toContain('*Digest channel*\n<#CDIGEST001>');
    expect(shown).toContain('*Time zone*\nEurope/Berlin');
    expect(shown).toContain('*Daily digest*\n09:00 local time');
    const row = await link();
    expect(row).toMatchObject({ digest_channel_id: 'CDIGEST001', alert_channel_id: 'CALERTS01', digest_hour: 9 });
    const company = (
      await rig.pool.query('select whop_company_id, time_zone, credentials_enc from companies where id = $1', [
        row.company_id,
      ])
    ).rows[0];
    expect(company.whop_company_id).toBe(WHOP_COMPANY);
    expect(company.time_zone).toBe('Europe/Berlin');
    expect(Buffer.from(company.credentials_enc).includes(GOOD_KEY)).toBe(false);
  });

  it('never writes the key to the log or to Slack', () => {
    expect(rig.logs.join('')).not.toContain(GOOD_KEY);
    const sent =
      rig.fake.calls.map((c) => JSON.stringify(c.body)).join('') +
      rig.fake.responses.map((r) => JSON.stringify(r.body)).join('');
    expect(sent).not.toContain(GOOD_KEY);
    expect(sent).not.toContain('whop_key_that_whop_does_not_know');
  });
});

describe('Slack setup with Sign in with Whop configured', () => {
  let rig: SlackRig;
  const signInTeam = 'TSIGNIN01';
  const who = { teamId: signInTeam, userId: 'USIGNADMN', channelId: 'CSIGNIN01' };
  beforeAll(async () => {
    rig = await startSlackRig({
      now: () => NOW,
      env: { WHOP_CLIENT_ID: 'app_client_slack', WHOP_CLIENT_SECRET: 'client-secret-slack' },
    });
    rig.fake.addUser({ id: who.userId, teamId: signInTeam, isAdmin: true });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('answers /pulse setup with a one-time link page button, privately', async () => {
    await rig.command(who, 'setup', 'signin-setup');
    const [r] = await rig.responses('signin-setup');
    expect(r!.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(r!.body.blocks);
    expect(text).toContain('Open link page');
    expect(text).toMatch(/\/link\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}/);
    const { rows } = await rig.pool.query('select platform, external_id, requested_by from link_requests');
    expect(rows).toEqual([{ platform: 'slack', external_id: signInTeam, requested_by: `slack:${who.userId}` }]);
  });

  it('turns a pasted key into a link page in the modal, storing nothing', async () => {
    const before = rig.fake.calls.length;
    await rig.click(who, 'p1:setup:key', 'signin-open');
    const open = await rig.fake.waitFor(() =>
      rig.fake.calls.slice(before).find((c) => c.method === 'views.open' && c.result?.ok),
    );
    const viewId = (open.result!.view as { id: string }).id;
    const sent = rig.fake.calls.length;
    await rig.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          team: { id: signInTeam, domain: 'signin' },
          user: { id: who.userId, team_id: signInTeam },
          api_app_id: 'APULSE',
          trigger_id: 'trig.y',
          view: {
            id: viewId,
            type: 'modal',
            callback_id: 'pulse_setup',
            private_metadata: JSON.stringify({ channelId: who.channelId }),
            state: { values: values({ key: GOOD_KEY, company: WHOP_COMPANY }) },
            hash: 'h',
          },
        }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    const update = await rig.fake.waitFor(
      () => rig.fake.calls.slice(sent).find((c) => c.method === 'views.update'),
      10_000,
    );
    const view = JSON.parse(update.body.view!);
    expect(blockTexts(view.blocks).join('\n')).toContain('the key was not used or stored');
    expect(JSON.stringify(view.blocks)).toMatch(/"url":"http:\/\/[^"]+\/link\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{43}"/);
    const stored = await rig.pool.query(`select 1 from companies where whop_company_id = $1`, [WHOP_COMPANY]);
    expect(stored.rows).toEqual([]);
    expect((await rig.pool.query('select 1 from workspace_links where external_id = $1', [signInTeam])).rows).toEqual(
      [],
    );
    expect(rig.logs.join('')).not.toContain(GOOD_KEY);
  });
});
