// "Reach out" on a churn row, end to end through POST /discord/interactions: the button opens a modal holding the
// template for the member's top recommended action (first name, what they last did); the submitted text goes
// through the fake Whop's support chat (@whop/sdk) or, when Whop cannot, as a DM through the fake Discord
// (discord.js REST) — exactly once per click, whatever is replayed — or else the admin gets the reasons and the text
// to copy. Another guild's member is refused and nothing is sent. Fixture: fixture.ts (NOW = 15 Apr 2026 12:00 UTC,
// company time zone UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { companyStore } from '../../demo/fake-whop/store.ts';
import { startDiscordRig, type DiscordRig, type Shown } from './harness.ts';
import { click, slash, submitModal, type Person } from './interactions.ts';
import {
  ADMIN_A,
  ADMIN_B,
  buildCompanies,
  GENERAL_A,
  GENERAL_B,
  GUILD_A,
  GUILD_B,
  MEMBER_A,
  NOW,
  STAFF_A,
  type DiscordCompanies,
} from './fixture.ts';

const inA = (person: Person, channelId = GENERAL_A) => ({ guildId: GUILD_A, channelId, person });
const inB = (person: Person) => ({ guildId: GUILD_B, channelId: GENERAL_B, person });
const title = (s: Shown) => s.json.embeds[0].title as string;
const description = (s: Shown) => s.json.embeds[0].description as string;

const BEN_DISCORD = '655000000000000002';
const CAT_DISCORD = '655000000000000003';
const FAY_DISCORD = '655000000000000006';

describe('Reach out from a churn row (Discord)', () => {
  let rig: DiscordRig;
  let whop: FakeWhop;
  let co: DiscordCompanies;
  const users: Record<string, string> = {};
  let eve: number;

  const whopUserOf = async (predictionId: number) =>
    (
      await rig.pool.query<{ whop_user_id: string }>(
        'select m.whop_user_id from churn_predictions p join members m on m.id = p.member_id where p.id = $1',
        [predictionId],
      )
    ).rows[0]!.whop_user_id;
  const outreachRows = async () =>
    (
      await rig.pool.query(
        'select company_id, prediction_id, status, channel, message, reason, sent_by from churn_outreach order by created_at, click_key',
      )
    ).rows;
  const whopMember = (companyId: string, userId: string, name: string) =>
    whop.store.company(companyId).members.put({
      id: `mber_${userId}`,
      access_level: 'customer',
      company_token_balance: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      joined_at: '2026-01-01T00:00:00.000Z',
      most_recent_action: null,
      most_recent_action_at: null,
      phone: null,
      status: 'joined',
      updated_at: '2026-01-01T00:00:00.000Z',
      usd_total_spent: 0,
      user: { id: userId, email: null, name, username: name.toLowerCase().replace(' ', '') },
    });
  /** Clicks Reach out and returns the modal (type 9) it opened. */
  const openForm = async (who: Person, predictionId: number, again = false) => {
    const sent = await rig.send(click(inA(who), `p1:reach:${predictionId}${again ? ':again' : ''}`));
    expect(sent.json.type).toBe(9);
    return sent.json.data as {
      custom_id: string;
      title: string;
      components: { component: { value: string; max_length: number } }[];
    };
  };
  const submit = (customId: string, text: string, where = inA(ADMIN_A)) =>
    rig.send(submitModal(where, customId, { message: text }));

  beforeAll(async () => {
    whop = await startFakeWhop({ dataset: { companies: [] } });
    rig = await startDiscordRig({
      now: () => NOW,
      env: { WHOP_API_BASE_URL: whop.url, WHOP_API_KEY: defaultFakeApiKey },
    });
    co = await buildCompanies(rig.db.url);
    await rig.link(GUILD_A, co.a.id, { staffChannelId: STAFF_A });
    await rig.link(GUILD_B, co.b.id);
    for (const c of [co.a, co.b]) whop.store.companies.set(c.whopId, companyStore(emptyCompany(c.whopId)));
    for (const [key, id] of Object.entries({
      ann: co.a.predictions.ann,
      ben: co.a.predictions.ben,
      cat: co.a.predictions.cat,
      zed: co.b.predictions.zed,
    }))
      users[key] = await whopUserOf(id);
    // Whop knows Ann (A) and Zed (B); Ben and Cat are no longer Whop members of A, but Pulse knows their Discord accounts.
    whopMember(co.a.whopId, users.ann!, 'Ann Archer');
    whopMember(co.b.whopId, users.zed!, 'Zed Zimmer');
    await rig.pool.query(
      'update members set discord_user_id = $2 where id = (select member_id from churn_predictions where id = $1)',
      [co.a.predictions.ben, BEN_DISCORD],
    );
    await rig.pool.query(
      'update members set discord_user_id = $2 where id = (select member_id from churn_predictions where id = $1)',
      [co.a.predictions.cat, CAT_DISCORD],
    );
    rig.fake.dms.closed.add(CAT_DISCORD);
    // Ann: "send a personal message" is her top action; she last finished the lesson "Welcome video" on 9 April.
    await rig.pool.query(`update churn_predictions set actions = $2 where id = $1`, [
      co.a.predictions.ann,
      JSON.stringify([
        { kind: 're_engagement_message', priority: 'high', text: 'Send a personal "we miss you" message' },
        { kind: 'onboarding_call', priority: 'high', text: 'Offer a call' },
      ]),
    ]);
    await rig.pool.query(`update churn_predictions set actions = $2 where id = $1`, [
      co.a.predictions.ben,
      JSON.stringify([
        { kind: 'payment_method_update', priority: 'critical', text: 'Ask them to update their payment method' },
      ]),
    ]);
    await rig.pool.query(
      `insert into activity_events (company_id, member_id, kind, source, occurred_at, content_item_id)
       select $1, p.member_id, 'lesson_complete', 'whop', '2026-04-09T18:00:00Z', (select id from content_items where company_id = $1 and title = 'Welcome video')
       from churn_predictions p where p.id = $2`,
      [co.a.id, co.a.predictions.ann],
    );
    eve = Number(
      (
        await rig.pool.query<{ id: string }>(
          `select p.id from churn_predictions p join members m on m.id = p.member_id where m.name = 'Eve Ellis'`,
        )
      ).rows[0]!.id,
    );
  });
  afterAll(async () => {
    await rig?.close();
    await whop?.close();
  });

  const annText =
    'Hi Ann, we haven\'t seen you in Acme Academy for a while and wanted to check in. The last thing I saw from you was finishing the lesson "Welcome video" on 9 April. Is there anything we can help with?';

  it('opens a form prefilled with the template for the top action, the first name and the last activity', async () => {
    const form = await openForm(ADMIN_A, co.a.predictions.ann);
    expect(form.title).toBe('Message to Ann Archer');
    expect(form.custom_id).toMatch(new RegExp(`^p1:reachform:${co.a.predictions.ann}:\\d+$`));
    expect(form.components[0]!.component.value).toBe(annText);
    expect(form.components[0]!.component.max_length).toBe(1800);
    expect(whop.support.delivered).toEqual([]);
  });

  it("sends the edited text through Whop's support chat exactly once, however often the form comes back", async () => {
    const form = await openForm(ADMIN_A, co.a.predictions.ann);
    const text = `${annText} — Alice`;
    const payload = submitModal(inA(ADMIN_A), form.custom_id, { message: text });
    const shown = await rig.shown(await rig.send(payload));
    expect(shown.ephemeral).toBe(true);
    expect(title(shown)).toBe('Message sent to Ann Archer');
    expect(description(shown)).toContain("Sent through Whop's support chat on 15 Apr 2026 12:00 UTC.");
    expect(whop.support.messagesTo(users.ann!).map((d) => [d.companyId, d.message.content])).toEqual([
      [co.a.whopId, text],
    ]);
    // The same signed request again (the replay guard), then the same form submitted anew (a new interaction).
    expect(title(await rig.shown(await rig.send(payload)))).toBe('Already handled');
    const again = await rig.shown(await submit(form.custom_id, 'a different text'));
    expect(title(again)).toBe('Message sent to Ann Archer');
    expect(JSON.stringify(again.json)).toContain('This form was sent before; nothing was sent again.');
    expect(whop.support.messagesTo(users.ann!)).toHaveLength(1);
    const rows = (await outreachRows()).filter((r) => Number(r.prediction_id) === co.a.predictions.ann);
    expect(rows).toEqual([
      {
        company_id: String(co.a.id),
        prediction_id: String(co.a.predictions.ann),
        status: 'sent',
        channel: 'whop',
        message: text,
        reason: null,
        sent_by: `discord:${ADMIN_A.userId}`,
      },
    ]);
    const marked = await rig.pool.query('select actioned_at from churn_predictions where id = $1', [
      co.a.predictions.ann,
    ]);
    expect(marked.rows[0].actioned_at).toEqual(NOW);
  });

  it('holds a second message within 24 hours until the admin confirms it', async () => {
    const s = await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:reach:${co.a.predictions.ann}`)));
    expect(title(s)).toBe('Reached out recently');
    expect(description(s)).toContain(
      "Pulse sent **Ann Archer** a message through Whop's support chat on 15 Apr 2026 12:00 UTC",
    );
    expect(s.json.components[0].components[0].custom_id).toBe(`p1:reach:${co.a.predictions.ann}:again`);
    const form = await openForm(ADMIN_A, co.a.predictions.ann, true);
    expect(form.custom_id).toMatch(/:c$/);
    expect(title(await rig.shown(await submit(form.custom_id, 'Hi Ann, one more thing.')))).toBe(
      'Message sent to Ann Archer',
    );
    expect(whop.support.messagesTo(users.ann!).map((d) => d.message.content)).toEqual([
      `${annText} — Alice`,
      'Hi Ann, one more thing.',
    ]);
  });

  it('shows on the churn row afterwards', async () => {
    const s = await rig.shown(await rig.send(slash(inA(ADMIN_A, STAFF_A), 'churn')));
    expect(JSON.stringify(s.json)).toContain('messaged (Whop)');
  });

  it('falls back to a Discord DM when Whop does not know the member, once, with no mention able to ping', async () => {
    const form = await openForm(ADMIN_A, co.a.predictions.ben);
    expect(form.components[0]!.component.value).toBe(
      "Hi Ben, a renewal payment for your Acme Academy membership didn't go through. Could you update your payment method on Whop so you keep your access? If anything is unclear, just reply here.",
    );
    const s = await rig.shown(await submit(form.custom_id, 'Hi Ben @everyone, please update your card.'));
    expect(title(s)).toBe('Message sent to Ben Baker');
    expect(description(s)).toContain("Sent as a Discord direct message from Pulse's bot on 15 Apr 2026 12:00 UTC.");
    expect(rig.fake.dms.delivered.map((d) => [d.userId, d.content, d.allowedMentions])).toEqual([
      [BEN_DISCORD, 'Hi Ben @everyone, please update your card.', { parse: [] }],
    ]);
    expect(
      await submit(form.custom_id, 'again')
        .then((r) => rig.shown(r))
        .then(title),
    ).toBe('Message sent to Ben Baker');
    expect(rig.fake.dms.delivered).toHaveLength(1);
    expect(whop.support.messagesTo(users.ben!)).toEqual([]);
  });

  it('says why when Discord refuses the DM (50007), and offers the text to copy', async () => {
    const form = await openForm(ADMIN_A, co.a.predictions.cat);
    const s = await rig.shown(await submit(form.custom_id, 'Hi Cat, how is it going?'));
    expect(title(s)).toBe('Not sent: copy the message');
    expect(description(s)).toContain(
      "Whop does not know this member any more; Discord does not let Pulse's bot message this member (they share no server with it, or they turned off direct messages)",
    );
    expect(description(s)).toContain('Hi Cat, how is it going?');
    expect(rig.fake.dms.delivered.filter((d) => d.userId === CAT_DISCORD)).toEqual([]);
  });

  it('offers the text to copy when there is neither a Whop path nor a Discord account', async () => {
    const form = await openForm(ADMIN_A, eve);
    const s = await rig.shown(await submit(form.custom_id, 'Hi Eve!'));
    expect(title(s)).toBe('Not sent: copy the message');
    expect(description(s)).toContain(
      "Pulse could not send it: Whop does not know this member any more; the member's Discord account is not known to Pulse. Copy the text below",
    );
    expect(description(s)).toContain('Hi Eve!');
    const row = (await outreachRows()).find((r) => Number(r.prediction_id) === eve);
    expect(row).toMatchObject({ status: 'not_sent', channel: 'copy' });
  });

  it('records "not confirmed" and tries no other way when Whop may have posted (a 5xx on the post)', async () => {
    const fay = Number(
      (
        await rig.pool.query<{ id: string }>(
          `select p.id from churn_predictions p join members m on m.id = p.member_id where m.name = 'Fay Ford'`,
        )
      ).rows[0]!.id,
    );
    const fayUser = await whopUserOf(fay);
    whopMember(co.a.whopId, fayUser, 'Fay Ford');
    await rig.pool.query(
      'update members set discord_user_id = $2 where id = (select member_id from churn_predictions where id = $1)',
      [fay, FAY_DISCORD],
    );
    const form = await openForm(ADMIN_A, fay);
    whop.setFaults({ serverErrorPaths: ['/messages'] });
    const s = await rig.shown(await submit(form.custom_id, 'Hi Fay!')).finally(() => whop.setFaults({}));
    expect(title(s)).toBe('Not confirmed');
    expect(description(s)).toContain(
      "Pulse tried to send it through Whop's support chat, but Whop did not confirm the message (it may have arrived): check the support chat on Whop before sending again.",
    );
    expect(rig.fake.dms.delivered.filter((d) => d.userId === FAY_DISCORD)).toEqual([]);
    expect((await outreachRows()).find((r) => Number(r.prediction_id) === fay)).toMatchObject({
      status: 'unknown',
      channel: 'whop',
    });
    const again = await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:reach:${fay}`)));
    expect(description(again)).toContain("Pulse may have sent **Fay Ford** a message through Whop's support chat");
  });

  it("refuses another guild's member, on the button and on a forged form, and sends nothing", async () => {
    const before = {
      whop: whop.support.delivered.length,
      dms: rig.fake.dms.delivered.length,
      rows: (await outreachRows()).length,
    };
    const clicked = await rig.shown(await rig.send(click(inB(ADMIN_B), `p1:reach:${co.a.predictions.ann}`)));
    expect(title(clicked)).toBe('Not available here');
    expect(clicked.ephemeral).toBe(true);
    const forged = await rig.shown(
      await submit(`p1:reachform:${co.a.predictions.ann}:123456789012345678`, 'Hi Ann from B', inB(ADMIN_B)),
    );
    expect(title(forged)).toBe('Not available here');
    expect(JSON.stringify([clicked.json, forged.json])).not.toContain('Ann');
    expect({
      whop: whop.support.delivered.length,
      dms: rig.fake.dms.delivered.length,
      rows: (await outreachRows()).length,
    }).toEqual(before);
  });

  it('refuses an ordinary member of the server', async () => {
    const s = await rig.shown(await rig.send(click(inA(MEMBER_A), `p1:reach:${co.a.predictions.ann}`)));
    expect(title(s)).toBe('Pulse is for the team');
    const forged = await rig.shown(
      await submit(`p1:reachform:${co.a.predictions.ann}:223456789012345678`, 'Hi', inA(MEMBER_A)),
    );
    expect(title(forged)).toBe('Pulse is for the team');
    expect(whop.support.messagesTo(users.ann!)).toHaveLength(2);
  });
});
