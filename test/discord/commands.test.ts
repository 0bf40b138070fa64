// Every slash command through POST /discord/interactions, signed with the test key, with the answers checked
// in what the fake Discord received: figures worked out by hand in fixture.ts, the chart as a real PNG
// attached and shown in the embed, components, ephemeral flags on member-level answers, tenant isolation
// between guilds, refusals for ordinary members and setup guidance in an unlinked guild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentType, InteractionResponseType, MessageFlags } from 'discord.js';
import { startDiscordRig, type DiscordRig, type Shown } from './harness.ts';
import { slash, type Person } from './interactions.ts';
import {
  ADMIN_A,
  ADMIN_B,
  buildCompanies,
  GENERAL_A,
  GENERAL_B,
  GUILD_A,
  GUILD_B,
  GUILD_NEW,
  HELPER_A,
  HELPER_ROLE,
  MEMBER_A,
  NOW,
  STAFF_A,
  type DiscordCompanies,
} from './fixture.ts';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const inA = (person: Person, channelId = GENERAL_A) => ({ guildId: GUILD_A, channelId, person });
const inB = (person: Person) => ({ guildId: GUILD_B, channelId: GENERAL_B, person });
const field = (s: Shown, name: string) =>
  (s.json.embeds[0].fields as { name: string; value: string }[]).find((f) => f.name === name)?.value;
const text = (s: Shown) => JSON.stringify(s.json);

describe('slash commands over HTTP interactions', () => {
  let rig: DiscordRig;
  let co: DiscordCompanies;
  beforeAll(async () => {
    rig = await startDiscordRig({ now: () => NOW });
    co = await buildCompanies(rig.db.url);
    await rig.link(GUILD_A, co.a.id, { staffChannelId: STAFF_A, allowedRoleIds: [HELPER_ROLE] });
    await rig.link(GUILD_B, co.b.id);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("/revenue: defers at once, then edits @original with March's figures, the MRR chart as a PNG, and the period select", async () => {
    const sent = await rig.send(slash(inA(ADMIN_A), 'revenue', { period: 'last_month' }));
    expect(sent.json).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const s = await rig.shown(sent);
    expect(s.via).toBe('edit');
    expect(s.ephemeral).toBe(false);
    const embed = s.json.embeds[0];
    expect(embed.title).toBe('Revenue · Last month');
    expect(field(s, 'MRR')).toBe('$30\n$0 (0%) in the period');
    expect(field(s, 'ARR')).toBe('$360');
    expect(field(s, 'Customers')).toBe('3 (±0)');
    expect(field(s, 'Customer churn')).toBe('33.3% (previous 0%)');
    expect(field(s, 'MRR movements')).toBe('New +$10 · Expansion $0 · Reactivated $0 · Contraction $0 · Churned −$10');
    // The chart's numbers as text: $20 on Mar 2, after Dan left and before Cat came.
    expect(Object.values(embed.fields).map((f) => (f as { value: string }).value)).toContain(
      'MRR 28 Feb 2026: $30\nMRR 31 Mar 2026: $30\nLowest $20, highest $30',
    );
    expect(embed.footer.text).toBe(
      '1 Mar 2026 – 31 Mar 2026 (UTC) · data as of 15 Apr 2026 12:00 UTC, not synced from Whop yet',
    );
    expect(embed.image).toEqual({ url: 'attachment://mrr.png' });
    expect(s.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([['files[0]', 'mrr.png', 'image/png']]);
    expect([...s.files[0]!.bytes.subarray(0, 8)]).toEqual(PNG);
    expect(s.json.attachments).toEqual([
      { id: 0, filename: 'mrr.png', description: expect.stringMatching(/^MRR line ending at \$30 on /) },
    ]);
    const [row] = s.json.components;
    expect(row.type).toBe(ComponentType.ActionRow);
    expect(row.components[0]).toMatchObject({ type: ComponentType.StringSelect, custom_id: 'p1:period:revenue' });
    expect(row.components[0].options.find((o: { default?: boolean }) => o.default).value).toBe('last_month');
  });

  it('guild B sees only company B, and guild A only company A', async () => {
    const bRev = await rig.shown(await rig.send(slash(inB(ADMIN_B), 'revenue', { period: 'last_month' })));
    expect(field(bRev, 'MRR')).toMatch(/^\$99\n/);
    expect(text(bRev)).not.toContain('$30');
    const bChurn = await rig.shown(await rig.send(slash(inB(ADMIN_B), 'churn')));
    expect(text(bChurn)).toContain('Zed Zimmer');
    expect(text(bChurn)).not.toMatch(/Ann Archer|Ben Baker|Cat Cole/);
    const aChurn = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'churn')));
    expect(text(aChurn)).toContain('Ann Archer');
    expect(text(aChurn)).not.toContain('Zed Zimmer');
  });

  it('/churn outside the staff channel is ephemeral and never puts member names in a public message', async () => {
    const first = await rig.send(slash(inA(ADMIN_A, '711000000000000055'), 'churn', { risk: 'all' }));
    const s = await rig.shown(first);
    expect(s.ephemeral).toBe(true);
    if (s.placeholder) expect(JSON.stringify(s.placeholder)).not.toMatch(/Ann|Ben|Cat|%/);
    expect(s.json.embeds[0].title).toBe('Churn risk · all at-risk members');
    expect(s.json.embeds[0].description).toContain('8 members at risk: 1 critical, 1 high, 6 medium of 8 scored.');
    expect(s.json.embeds[0].description).toMatch(/Ann Archer\s+critical\s+80%/);
    expect(s.json.embeds[0].footer.text).toMatch(/^scored 15 Apr 2026 03:00 UTC · /);
    // Four members per page, four buttons each, and a row with the next page and "Who?".
    const rows = s.json.components as { components: { custom_id: string; label: string }[] }[];
    expect(rows).toHaveLength(5);
    expect(rows[0]!.components.map((c) => c.custom_id)).toEqual([
      ...['contacted', 'snooze', 'notrisk', 'profile'].map((a) => `p1:churn:${a}:${co.a.predictions.ann}`),
      `p1:reach:${co.a.predictions.ann}`,
    ]);
    expect(rows[0]!.components.map((c) => c.label).join(' ')).not.toContain('Ann');
    expect(rows[4]!.components.map((c) => c.custom_id)).toEqual(['p1:page:churn:all:1', 'p1:who:churn']);
    expect([...s.files[0]!.bytes.subarray(0, 8)]).toEqual(PNG);
    // Asked again in the same channel, Pulse defers privately from the start.
    const again = await rig.send(slash(inA(ADMIN_A, '711000000000000055'), 'churn', { risk: 'critical' }));
    expect(again.json).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const s2 = await rig.shown(again);
    expect(s2.via).toBe('edit');
    expect(text(s2)).toContain('Ann Archer');
    expect(text(s2)).not.toContain('Ben Baker');
  });

  it('acknowledges while the database is stuck, and answers only once it is free', async () => {
    const blocker = await rig.pool.connect();
    await blocker.query('begin');
    await blocker.query('lock table workspace_links in access exclusive mode');
    let sent;
    let freedAt: number;
    try {
      // The first response comes back while workspace_links is still held: acknowledging needs no database.
      sent = await rig.send(slash(inA(ADMIN_A, '711000000000000056'), 'churn', { risk: 'critical' }));
      // /churn is known to be member-level and this is not the staff channel (known from a short cache, or a lookup that
      // gives up after 150 ms): Pulse defers privately.
      expect(sent.json).toEqual({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      });
    } finally {
      freedAt = performance.now(); // taken before the lock goes: whatever the app sends later is stamped after it
      await blocker.query('rollback');
      blocker.release();
    }
    const s = await rig.shown(sent);
    expect(s.via).toBe('edit');
    expect(text(s)).toContain('Ann Archer');
    // Nothing reached Discord for this interaction while the database was held (the fake stamps requests on arrival).
    const forIt = rig.fake.requests.filter((r) => r.path.includes(sent.token));
    expect(forIt.length).toBeGreaterThan(0);
    expect(forIt.filter((r) => r.at < freedAt)).toEqual([]);
  });

  it('/churn in the staff channel is posted for the channel', async () => {
    const s = await rig.shown(await rig.send(slash(inA(ADMIN_A, STAFF_A), 'churn')));
    expect(s.ephemeral).toBe(false);
    expect(text(s)).toContain('Ben Baker');
  });

  it('refuses an ordinary member politely and privately, and lets an allowed role in', async () => {
    const refused = await rig.shown(await rig.send(slash(inA(MEMBER_A), 'revenue')));
    expect(refused.ephemeral).toBe(true);
    expect(refused.json.embeds[0].title).toBe('Pulse is for the team');
    expect(text(refused)).not.toContain('$30');
    const helper = await rig.shown(await rig.send(slash(inA(HELPER_A), 'revenue', { period: 'last_month' })));
    expect(field(helper, 'ARR')).toBe('$360');
    const setup = await rig.shown(await rig.send(slash(inA(HELPER_A), 'pulse setup', { digest_hour: 7 })));
    expect(setup.json.embeds[0].title).toBe('Pulse is for the team');
  });

  it('/engagement answers with its chart and the period select', async () => {
    const s = await rig.shown(await rig.send(slash(inA(ADMIN_A, STAFF_A), 'engagement', { period: 'last_month' })));
    expect(s.json.embeds[0].title).toBe('Engagement · Last month');
    expect(s.files.length).toBeGreaterThanOrEqual(1);
    for (const f of s.files) expect([...f.bytes.subarray(0, 8)]).toEqual(PNG);
    expect(s.json.embeds[0].image.url).toBe(`attachment://${s.files[0]!.filename}`);
    expect(JSON.stringify(s.json.components)).toContain('p1:period:engagement');
  });

  it('/content ranks the items and attaches its chart', async () => {
    const s = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'content')));
    expect(s.json.embeds[0].title).toMatch(/^Content · all · /);
    expect(s.files.map((f) => f.filename)).toEqual(['content.png']);
  });

  it('/ask, /report link, /report revoke, /pulse status and /help: titles, visibility and wording written out from the fixture', async () => {
    const ask = await rig.shown(
      await rig.send(slash(inA(ADMIN_A), 'ask', { question: 'Why is my revenue down this month?' })),
    );
    // No OpenAI key in the rig: the offline analyst answers; the title is the question.
    expect(ask.json.embeds[0].title).toBe('Why is my revenue down this month?');
    expect(ask.json.embeds[0].footer.text).toContain('answered by offline analyst');
    const link = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'report link', { kind: 'overview', expires: 3 })));
    expect([link.json.embeds[0].title, link.ephemeral]).toEqual(['Your overview report link', true]);
    // NOW (15 Apr 2026 12:00 UTC) + 3 days.
    expect(link.json.embeds[0].description).toContain(
      'Anyone with this link can see the overview report until 18 Apr 2026 12:00 UTC.',
    );
    const revoke = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'report revoke', { all: true })));
    expect([revoke.json.embeds[0].title, revoke.ephemeral]).toEqual(['Report links revoked', true]);
    expect(revoke.json.embeds[0].description).toContain('1 live link stopped working.'); // the one made just above
    const status = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'pulse status')));
    expect([status.json.embeds[0].title, status.ephemeral]).toEqual(['Pulse status', false]);
    expect(field(status, 'Plan')).toBe('pro');
    expect(field(status, 'Whop sync')).toBe('not synced yet');
    const help = await rig.shown(await rig.send(slash(inA(ADMIN_A), 'help')));
    expect([help.json.embeds[0].title, help.ephemeral]).toEqual(['Pulse commands', true]);
    for (const s of [ask, link, revoke, status, help]) expect(text(s)).not.toContain('Zed Zimmer');
  });

  it("/pulse setup saves settings from Discord's channel and role pickers", async () => {
    const s = await rig.shown(
      await rig.send(
        slash(inA(ADMIN_A), 'pulse setup', {
          digest_channel: { channel: '711000000000000777' },
          role: { role: '911000000000000002' },
          digest_hour: 9,
        }),
      ),
    );
    expect(s.ephemeral).toBe(true);
    expect(s.json.embeds[0].title).toBe('Pulse settings saved');
    const { rows } = await rig.pool.query(
      'select digest_channel_id, digest_hour, allowed_role_ids from workspace_links where external_id = $1',
      [GUILD_A],
    );
    expect(rows[0]).toEqual({
      digest_channel_id: '711000000000000777',
      digest_hour: 9,
      allowed_role_ids: [HELPER_ROLE, '911000000000000002'],
    });
  });

  it('gives an unlinked guild setup guidance with the button that opens the Whop-key form', async () => {
    const s = await rig.shown(await rig.send(slash({ guildId: GUILD_NEW, person: ADMIN_A }, 'revenue')));
    expect(s.ephemeral).toBe(true);
    expect(s.json.embeds[0].title).toBe('Link Pulse to your Whop company');
    expect(s.json.components[0].components).toEqual([
      { type: ComponentType.Button, style: 1, custom_id: 'p1:setup:key', label: 'Enter Whop API key' },
    ]);
  });
});
