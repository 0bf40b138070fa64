// The same command asked in Discord and in Slack shows the same figures. One server (buildApp with both
// platforms configured, each against its loopback fake), one company linked to a Discord guild and a Slack team;
// `/revenue period:last_month` and `/churn` through POST /discord/interactions, `/pulse revenue last_month` and
// `/pulse churn` through POST /slack/events; the figures are read back from the wire bodies (Discord embed fields
// and table code block; Slack section fields and table lines) and compared label by label and cell by cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { signInteraction, testDiscordKeys, type TestDiscordKeys } from '../fakes/discord/keys.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { APP_ID, slash } from '../discord/interactions.ts';
import { startSlackRig, type SlackRig } from './harness.ts';
import { ADMIN_A, buildCompanies, NOW, TEAM_A, type SlackCompanies } from './fixture.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
type Figures = { fields: Record<string, string>; charts: string[]; rows: Record<string, string>[] };

const GUILD = '810000000000000001';
const DISCORD_ADMIN = { userId: '610000000000000001', admin: true };
const DISCORD_TOKEN = 'fake-bot-token.discord.same-figures';

/** Neutral text as both platforms show it: no bold marks, Slack's escapes undone, spaces normalised. */
const plain = (t: string) =>
  t
    .replace(/\*\*|\*/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();

function discordFigures(message: Json): Figures {
  const embed = message.embeds[0];
  const fields: Record<string, string> = {};
  const charts: string[] = [];
  for (const f of embed.fields ?? []) {
    if (f.name.startsWith('Chart data')) charts.push(plain(f.value));
    else if (f.name !== 'Note') fields[plain(f.name)] = plain(f.value);
  }
  const rows: Record<string, string>[] = [];
  const code = /```\n([\s\S]*?)\n```/.exec(embed.description ?? '')?.[1];
  if (code) {
    const [header, ...lines] = code.split('\n').map((l) => l.trim().split(/\s{2,}/));
    for (const cells of lines) rows.push(Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
  }
  return { fields, charts, rows };
}

function slackFigures(body: Json): Figures {
  const fields: Record<string, string> = {};
  const charts: string[] = [];
  const rows: Record<string, string>[] = [];
  const field = (text: string) => {
    const [label, ...value] = text.split('\n');
    fields[plain(label!)] = plain(value.join('\n'));
  };
  for (const b of body.blocks as Json[]) {
    if (b.type !== 'section') continue;
    if (b.fields) b.fields.forEach((f: Json) => field(f.text));
    const text: string | undefined = b.text?.text;
    if (!text) continue;
    if (text.startsWith(':bar_chart: ')) charts.push(plain(text.slice(':bar_chart: '.length)));
    else if (/^\*\d+\. /.test(text)) {
      // Table lines: *1. Ann Archer* · Risk: critical · Churn chance: 80% · …
      for (const line of text.split('\n')) {
        const [lead, ...parts] = line.split(' · ');
        const m = /^\*(\d+)\. (.*)\*$/.exec(lead!)!;
        rows.push({
          '#': m[1]!,
          Member: plain(m[2]!),
          ...Object.fromEntries(parts.map((p) => [p.slice(0, p.indexOf(': ')), plain(p.slice(p.indexOf(': ') + 2))])),
        });
      }
    } else if (/^\*[^*\n]+\*\n/.test(text)) field(text);
  }
  return { fields, charts, rows };
}

describe('Discord and Slack show the same figures', () => {
  let rig: SlackRig;
  let discord: FakeDiscord;
  let keys: TestDiscordKeys;
  let co: SlackCompanies;

  beforeAll(async () => {
    keys = testDiscordKeys();
    discord = await startFakeDiscord({ token: DISCORD_TOKEN, appId: APP_ID });
    rig = await startSlackRig({
      now: () => NOW,
      env: {
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        DISCORD_API_BASE_URL: discord.api,
        DISCORD_TOKEN,
        DISCORD_APP_ID: APP_ID,
      },
    });
    co = await buildCompanies(rig.db.url);
    await rig.link(TEAM_A, co.a.id);
    await linkWorkspace(rig.pool, {
      platform: 'discord',
      externalId: GUILD,
      companyId: co.a.id,
      linkedBy: 'discord:owner',
    });
    rig.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
  });
  afterAll(async () => {
    await rig?.close();
    await discord?.close();
  });

  /**
   * The Discord answer's message titled `title`: the immediate reply, or what follows a deferral (the edit of
   * @original, or a private follow-up when @original only says the answer was sent privately).
   */
  async function askDiscord(name: string, options: Record<string, string>, title: string): Promise<Json> {
    const payload = slash({ guildId: GUILD, person: DISCORD_ADMIN }, name, options);
    const signed = signInteraction(keys, payload);
    const r = await rig.app.inject({
      method: 'POST',
      url: '/discord/interactions',
      headers: signed.headers,
      payload: signed.body,
    });
    expect(r.statusCode).toBe(200);
    const reply = r.json();
    if (reply.type === 4 && String(reply.data.embeds?.[0]?.title).startsWith(title)) return reply.data;
    const token = String(payload.token);
    const sent = await discord.waitFor(
      (q) => q.path.includes(token) && String(q.json?.embeds?.[0]?.title ?? '').startsWith(title),
    );
    return sent.json;
  }

  async function askSlack(text: string, id: string): Promise<Json> {
    await rig.command(ADMIN_A, text, id);
    return (await rig.responses(id))[0]!.body;
  }

  it('/revenue for last month: every field and the chart numbers', async () => {
    const d = discordFigures(await askDiscord('revenue', { period: 'last_month' }, 'Revenue'));
    const s = slackFigures(await askSlack('revenue last_month', 'same-revenue'));
    // Worked out by hand from fixture.ts (March: Cat new +$10, Dan churned −$10, 3 customers at both ends; February:
    // Ben new +$10), so the comparison is not two platforms agreeing on the same mistake.
    const march = {
      MRR: '$30\n$0 (0%) in the period',
      ARR: '$360',
      'Net new MRR': '$0\nprevious period +$10',
      'MRR movements': 'New +$10 · Expansion $0 · Reactivated $0 · Contraction $0 · Churned −$10',
      Customers: '3 (±0)',
      // 1 of the 3 customers at the start left; (churn $10 + contraction $0) / $30 at the start.
      'Customer churn': '33.3% (previous 0%)',
      'Revenue churn': '33.3% (previous 0%)',
      // $30 / 3 customers; LTV = ARPU / mean monthly churn of February (0%) and March (33.3%) = $10 / 16.7%.
      ARPU: '$10',
      LTV: '$60',
      // (new $10 + reactivation $0 + expansion $0) / (churn $10 + contraction $0).
      'Quick ratio': '1.00',
    };
    expect(d.fields).toEqual(march);
    expect(s.fields).toEqual(march);
    expect(s.charts).toEqual(d.charts);
    expect(s.charts[0]).toContain('Lowest $20, highest $30');
  });

  it('/churn: the same members with the same chances, row by row', async () => {
    const d = discordFigures(await askDiscord('churn', {}, 'Churn risk'));
    const s = slackFigures(await askSlack('churn', 'same-churn'));
    expect(d.rows.map((r) => [r.Member, r['Churn chance']])).toEqual([
      ['Ann Archer', '80%'],
      ['Ben Baker', '60%'],
    ]);
    expect(s.rows.map((r) => [r.Member, r['Churn chance']])).toEqual([
      ['Ann Archer', '80%'],
      ['Ben Baker', '60%'],
    ]);
    expect(s.rows).toEqual(d.rows);
    expect(s.charts).toEqual(d.charts);
  });
});
