// Every button, select, modal and autocomplete through POST /discord/interactions: churn row actions are
// recorded with who and when, and refused for another guild's prediction or an ordinary member; paging and
// the period select edit the clicked message (only where that cannot widen who sees it); the Whop-key modal
// links a new guild through the fake Whop without the key appearing anywhere; autocomplete stays in its guild.
// Expected answers are written out from the fixture (fixture.ts, NOW = 15 Apr 2026 12:00 UTC); each test sets up
// the feedback it reads, so any one of them can run alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';
import { startDiscordRig, type DiscordRig, type Shown } from './harness.ts';
import { autocomplete, choose, click, submitModal, type Person } from './interactions.ts';
import {
  ADMIN_A,
  ADMIN_B,
  buildCompanies,
  GENERAL_A,
  GENERAL_B,
  GUILD_A,
  GUILD_B,
  GUILD_NEW,
  MEMBER_A,
  NOW,
  STAFF_A,
  type DiscordCompanies,
} from './fixture.ts';

const inA = (person: Person, channelId = GENERAL_A) => ({ guildId: GUILD_A, channelId, person });
const inB = (person: Person) => ({ guildId: GUILD_B, channelId: GENERAL_B, person });
const title = (s: Shown) => s.json.embeds[0].title as string;
const WHOP_KEY = 'whop_key_for_newco_5f1c2b9a';

describe('buttons, selects, modals and autocomplete', () => {
  let rig: DiscordRig;
  let co: DiscordCompanies;
  let whop: FakeWhop;
  const feedback = async (predictionId: number) =>
    (
      await rig.pool.query(
        'select label, given_by, created_at from churn_feedback where prediction_id = $1 order by id',
        [predictionId],
      )
    ).rows;

  beforeAll(async () => {
    whop = await startFakeWhop({
      dataset: { companies: [emptyCompany('biz_newco', 'New Co')] },
      apiKeys: { [WHOP_KEY]: 'biz_newco' },
    });
    rig = await startDiscordRig({ now: () => NOW, env: { WHOP_API_BASE_URL: whop.url } });
    co = await buildCompanies(rig.db.url);
    await rig.link(GUILD_A, co.a.id, { staffChannelId: STAFF_A });
    await rig.link(GUILD_B, co.b.id);
  });
  afterAll(async () => {
    await rig?.close();
    await whop?.close();
  });

  it('Mark contacted records who pressed it and when, privately', async () => {
    const s = await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:contacted:${co.a.predictions.ann}`)));
    expect(s.ephemeral).toBe(true);
    expect(title(s)).toBe('Marked contacted');
    expect(s.json.embeds[0].description).toContain(
      '**Ann Archer** is marked as contacted by you on 15 Apr 2026 12:00 UTC',
    );
    expect(await feedback(co.a.predictions.ann)).toEqual([
      { label: 'contacted', given_by: `discord:${ADMIN_A.userId}`, created_at: NOW },
    ]);
  });

  it('Snooze and Not at risk are recorded too; pressing again changes nothing', async () => {
    expect(title(await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:snooze:${co.a.predictions.ben}`))))).toBe(
      'Snoozed for 7 days',
    );
    expect(
      title(await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:notrisk:${co.a.predictions.cat}`)))),
    ).toBe('Marked not at risk');
    expect(
      title(await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:notrisk:${co.a.predictions.cat}`)))),
    ).toBe('Nothing to change');
    expect((await feedback(co.a.predictions.ben)).map((r) => r.label)).toEqual(['snoozed']);
    expect((await feedback(co.a.predictions.cat)).map((r) => r.label)).toEqual(['not_at_risk']);
  });

  it("Open profile report answers privately with a 7-day link to the member's profile report", async () => {
    const s = await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:profile:${co.a.predictions.ann}`)));
    expect(s.ephemeral).toBe(true);
    expect(title(s)).toBe('Ann Archer: profile report');
    // NOW (15 Apr 2026 12:00 UTC) + 7 days, in the company's time zone (UTC).
    expect(s.json.embeds[0].description).toContain(
      "A private link to Ann Archer's profile, valid until 22 Apr 2026 12:00 UTC.",
    );
    const button = s.json.components[0].components[0];
    expect(button).toMatchObject({ label: 'Open profile report', url: expect.stringMatching(/\/r\/[\w-]+/) });
  });

  it("refuses a button for another guild's prediction, and writes nothing", async () => {
    const before = await feedback(co.a.predictions.ann);
    const s = await rig.shown(await rig.send(click(inB(ADMIN_B), `p1:churn:snooze:${co.a.predictions.ann}`)));
    expect(s.ephemeral).toBe(true);
    expect(title(s)).toBe('Not available here');
    expect(JSON.stringify(s.json)).not.toContain('Ann');
    expect(await feedback(co.a.predictions.ann)).toEqual(before);
  });

  it("refuses an ordinary member's click, and writes nothing", async () => {
    const before = await feedback(co.a.predictions.ben);
    const s = await rig.shown(await rig.send(click(inA(MEMBER_A), `p1:churn:contacted:${co.a.predictions.ben}`)));
    expect(title(s)).toBe('Pulse is for the team');
    expect(s.ephemeral).toBe(true);
    expect(await feedback(co.a.predictions.ben)).toEqual(before);
    expect(before.map((r) => r.label)).not.toContain('contacted');
  });

  it('answers a forged or stale button id with a short private message', async () => {
    const s = await rig.shown(await rig.send(click(inA(ADMIN_A), 'p1:churn:contacted:abc')));
    expect(s.ephemeral).toBe(true);
    expect(s.json.embeds[0].description).toBe('This button is no longer valid. Run the command again.');
  });

  it('the next-page button edits the private churn list it is on (type 6, then @original with the chart)', async () => {
    // Ben snoozed and Cat marked not at risk leave the list (pressing either again changes nothing).
    await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:snooze:${co.a.predictions.ben}`)));
    await rig.shown(await rig.send(click(inA(ADMIN_A), `p1:churn:notrisk:${co.a.predictions.cat}`)));
    const sent = await rig.send(click(inA(ADMIN_A), 'p1:page:churn:all:1', { ephemeral: true }));
    expect(sent.json).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    const s = await rig.shown(sent);
    expect(s.via).toBe('edit');
    // Ann, Eve, Fay, Gus, Hub, Ivy are listed; page 2 is rows 5-6.
    const description = s.json.embeds[0].description as string;
    expect(description).toMatch(/page 2 of 2 · 6 in all/);
    expect(description).toMatch(/5\s+Hub Hale/);
    expect(description).toMatch(/6\s+Ivy Irwin/);
    expect(s.files.map((f) => f.filename)).toEqual(['risk.png']);
    expect(s.json.attachments).toEqual([{ id: 0, filename: 'risk.png', description: 'Churn risk of 8 members' }]);
  });

  it('never turns a public message into a member list: the page goes to the clicker privately', async () => {
    const sent = await rig.send(click(inA(ADMIN_A), 'p1:page:churn:all:0'));
    const s = await rig.shown(sent);
    expect(s.via).toBe('followup');
    expect(s.json.flags).toBe(MessageFlags.Ephemeral);
    expect(rig.fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(sent.token))).toBe(false);
  });

  it('the period select re-answers /revenue in place, replacing the chart', async () => {
    const s = await rig.shown(await rig.send(choose(inA(ADMIN_A), 'p1:period:revenue', ['last_month'])));
    expect(s.via).toBe('edit');
    expect(title(s)).toBe('Revenue · Last month');
    expect(s.json.attachments).toEqual([
      { id: 0, filename: 'mrr.png', description: expect.stringContaining('ending at $30 on ') },
    ]);
    expect(s.files).toHaveLength(1);
    const e = await rig.shown(await rig.send(choose(inA(ADMIN_A, STAFF_A), 'p1:period:engagement', ['last_month'])));
    expect(title(e)).toBe('Engagement · Last month');
  });

  it("the digest's reveal button shows the urgent list to the clicker only", async () => {
    const s = await rig.shown(await rig.send(click(inA(ADMIN_A), 'p1:reveal:digest-alerts')));
    expect(s.ephemeral).toBe(true);
    expect(JSON.stringify(s.json)).not.toContain('Zed');
  });

  it('the Whop-key modal links a new guild, and the key appears in no request or reply', async () => {
    const modal = await rig.send(click({ guildId: GUILD_NEW, person: ADMIN_A }, 'p1:setup:key'));
    expect(modal.json.type).toBe(InteractionResponseType.Modal);
    const sent = await rig.send(
      submitModal({ guildId: GUILD_NEW, person: ADMIN_A }, 'p1:setup:key', {
        whop_api_key: WHOP_KEY,
        whop_company_id: 'biz_newco',
      }),
    );
    const s = await rig.shown(sent);
    expect(s.ephemeral).toBe(true);
    expect(title(s)).toBe('Linked to biz_newco'); // a company id was given, so Whop's company list was not read
    const { rows } = await rig.pool.query(
      'select c.whop_company_id, l.linked_by from workspace_links l join companies c on c.id = l.company_id where l.external_id = $1',
      [GUILD_NEW],
    );
    expect(rows).toEqual([{ whop_company_id: 'biz_newco', linked_by: `discord:${ADMIN_A.userId}` }]);
    expect(JSON.stringify(sent.json)).not.toContain(WHOP_KEY);
    expect(rig.fake.requests.some((r) => JSON.stringify(r.json ?? {}).includes(WHOP_KEY))).toBe(false);
  });

  it('a wrong Whop key is refused and nothing is linked', async () => {
    const s = await rig.shown(
      await rig.send(
        submitModal({ guildId: '840000000000000004', person: ADMIN_A }, 'p1:setup:key', {
          whop_api_key: 'whop_key_wrong_000000',
          whop_company_id: 'biz_newco',
        }),
      ),
    );
    expect(title(s)).toBe('The Whop key was not saved');
    expect(
      (await rig.pool.query("select 1 from workspace_links where external_id = '840000000000000004'")).rowCount,
    ).toBe(0);
  });

  it("autocomplete suggests this guild's content items only, and nothing to an ordinary member", async () => {
    const a = await rig.send(autocomplete(inA(ADMIN_A), 'content', { item: 'getting' }, 'item'));
    expect(a.json.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(a.json.data.choices).toContainEqual({ name: 'Getting Started (course)', value: String(co.a.courseId) });
    const b = await rig.send(autocomplete(inB(ADMIN_B), 'content', { item: 'getting' }, 'item'));
    expect(b.json.data.choices).toEqual([]);
    const m = await rig.send(autocomplete(inA(MEMBER_A), 'content', { item: 'getting' }, 'item'));
    expect(m.json.data.choices).toEqual([]);
    const tz = await rig.send(autocomplete(inA(ADMIN_A), 'pulse setup', { timezone: 'berl' }, 'timezone'));
    expect(tz.json.data.choices).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
  });
});
