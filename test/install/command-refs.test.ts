// Answers name commands the way the platform types them: Slack has only `/pulse <command>`, Discord a slash
// command per command or group. Every command run through Slack's /pulse (and the usage answers) names no bare
// `/revenue`, `/churn critical`, `/report revoke`, `/ask`…; the coach's own words are respelled; a digest's
// suggestion and a batched churn alert read `/pulse revenue` / `/pulse churn critical` on Slack and
// `/revenue` / `/churn critical` on Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../bot/answer.ts';
import { commandMentionsToRefs, commandNames, commandRef, spellCommands } from '../../bot/command-ref.ts';
import { commands } from '../../bot/commands/index.ts';
import { answerMessage } from '../../bot/discord/render/message.ts';
import { buildChurnAlert } from '../../bot/messages/churn-alert.ts';
import { suggestedAction } from '../../bot/messages/digest-suggestion.ts';
import { renderSlackMessage } from '../../bot/slack/render/message.ts';
import { companyById } from '../../core/companies/company.repository.ts';
import { linkWorkspace, updateWorkspaceSettings } from '../../core/tenancy/index.ts';
import { prediction } from '../helpers/activity-fixtures.ts';
import { openFixtures } from '../helpers/fixtures.ts';
import { startSlackRig, type SlackRig } from '../slack/harness.ts';
import { ADMIN_A, buildCompanies, NOW, SCORED_AT, TEAM_A, type SlackCompanies } from '../slack/fixture.ts';

/** Every `/word` that starts a command (not inside a URL or path): on Slack only `/pulse` (and Slack's `/invite`). */
function slashWords(text: string): string[] {
  return [...text.matchAll(/(?<![\w:/.\\-])\/([a-z][a-z_]*)/g)].map((m) => m[1]!);
}

describe('command references', () => {
  it('every command answers may name is a registered command', () => {
    const registered = commands.map((c) => c.name);
    for (const name of commandNames) expect(registered).toContain(name);
  });

  it("spells a reference for each platform, and respells the coach's Discord-style mentions", () => {
    const text = `Open \`${commandRef('churn', 'critical')}\`, or \`${commandRef('report revoke')}\`, or ${commandRef('pulse setup')}.`;
    expect(spellCommands(text, 'discord')).toBe('Open `/churn critical`, or `/report revoke`, or /pulse setup.');
    expect(spellCommands(text, 'slack')).toBe(
      'Open `/pulse churn critical`, or `/pulse report revoke`, or /pulse setup.',
    );
    const coach = 'Mark who you contacted in /churn; see https://pulse.example/r/abc/churn and (/revenue).';
    expect(spellCommands(commandMentionsToRefs(coach), 'slack')).toBe(
      'Mark who you contacted in /pulse churn; see https://pulse.example/r/abc/churn and (/pulse revenue).',
    );
    expect(spellCommands(commandMentionsToRefs(coach), 'discord')).toBe(coach);
  });

  it('a digest suggestion names /pulse revenue on Slack and /revenue on Discord', () => {
    const a = answer({
      title: 'Daily digest',
      summary: suggestedAction({
        urgent: undefined,
        showNames: false,
        netNewMinor: -1000,
        currency: 'usd',
        activeChange: 0,
      }),
    });
    const slack = JSON.stringify(renderSlackMessage(a));
    const discord = JSON.stringify(answerMessage(a).body);
    expect(slack).toContain('/pulse revenue');
    expect(new Set(slashWords(slack))).toEqual(new Set(['pulse']));
    expect(discord).toContain('`/revenue`');
    const steady = answer({
      title: 'Daily digest',
      summary: suggestedAction({
        urgent: undefined,
        showNames: false,
        netNewMinor: 0,
        currency: 'usd',
        activeChange: 0,
      }),
    });
    expect(JSON.stringify(renderSlackMessage(steady))).toContain('/pulse ask What content performs best?');
  });
});

describe('every /pulse answer on Slack names commands the Slack way', () => {
  let rig: SlackRig;
  let co: SlackCompanies;

  beforeAll(async () => {
    rig = await startSlackRig({ now: () => NOW });
    co = await buildCompanies(rig.db.url);
    await rig.link(TEAM_A, co.a.id);
    rig.fake.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
  });
  afterAll(async () => {
    await rig?.close();
  });

  const texts = [
    '',
    'help',
    'no-such-command',
    'revenue',
    'revenue last_month',
    'engagement',
    'churn',
    'churn critical',
    'content',
    'ask Who is at risk of churning?',
    'ask How can I reduce churn?',
    'report link',
    'report revoke',
    'setup',
    'status',
    'upgrade',
    'erase',
  ];

  it.each(texts.map((t, i) => [t, i] as const))('/pulse %s', async (text, i) => {
    await rig.command(ADMIN_A, text, `ref-${i}`);
    const [r] = await rig.responses(`ref-${i}`);
    const body = JSON.stringify(r!.body);
    expect(slashWords(body).filter((w) => w !== 'pulse' && w !== 'invite')).toEqual([]);
  });

  it("says `/pulse report revoke` under a report link and `/pulse churn` in the coach's at-risk answer", async () => {
    await rig.command(ADMIN_A, 'report link', 'ref-link');
    expect(JSON.stringify((await rig.responses('ref-link'))[0]!.body)).toContain('/pulse report revoke');
    await rig.command(ADMIN_A, 'ask Who is at risk of churning?', 'ref-ask');
    expect(JSON.stringify((await rig.responses('ref-ask'))[0]!.body)).toMatch(/\/pulse churn/);
  });

  it('a batched churn alert points to `/pulse churn critical` on Slack, `/churn critical` on Discord', async () => {
    const fx = await openFixtures(rig.db.url);
    try {
      const c = await fx.company({ name: 'Many Risks' });
      const ids: { predictionId: number }[] = [];
      for (let i = 0; i < 30; i++) {
        const m = await c.member({ name: `Risky ${i}` });
        ids.push({
          predictionId: await prediction(fx.sql, c.id, m.id, {
            scoredAt: SCORED_AT,
            risk: 'critical',
            probability: 0.9,
          }),
        });
      }
      const link = await linkWorkspace(rig.pool, {
        platform: 'slack',
        externalId: 'TMANYRISK',
        companyId: c.id,
        linkedBy: 'slack:owner',
      });
      const staffed = await updateWorkspaceSettings(rig.pool, c.id, link.id, {
        alertChannelId: 'CSTAFF',
        staffChannelId: 'CSTAFF',
      });
      const alert = await buildChurnAlert(
        rig.app.shared,
        { company: await companyById(rig.pool, c.id), link: staffed },
        ids,
      );
      const slack = JSON.stringify(renderSlackMessage(alert));
      const discord = JSON.stringify(answerMessage(alert).body);
      // 30 rows: 25 listed, the rest in the churn list.
      expect(slack).toContain('5 more are listed in `/pulse churn critical`');
      expect(slack).toContain('all are in `/pulse churn critical`');
      expect(slashWords(slack).filter((w) => w !== 'pulse')).toEqual([]);
      expect(discord).toContain('5 more are listed in `/churn critical`');
    } finally {
      await fx.close();
    }
  });
});
