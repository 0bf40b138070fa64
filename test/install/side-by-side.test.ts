// Two companies, each with a Slack workspace (installed through OAuth, no SLACK_BOT_TOKEN) and a Discord server
// (added with the code grant), all four bound by install grants, running side by side in one app: slash-command
// answers, the daily digest and the churn alerts each reach only their own company's workspaces, every Slack
// call with that workspace's own token (the fake Slack refuses a channel or person of another workspace).
// Figures from test/slack/fixture.ts: Acme Academy MRR $30 (Ann critical, Ben high), Bolt Studio $99 (Zed
// critical).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { SlackClients } from '../../bot/slack/oauth/clients.ts';
import { SlackTokens } from '../../bot/slack/oauth/tokens.ts';
import { findWorkspaceLink, updateWorkspaceSettings } from '../../core/tenancy/index.ts';
import { buildJobContext, type JobContext } from '../../server/jobs/context.ts';
import { scanCompanyChurnAlerts } from '../../server/jobs/churn-alert-scan.ts';
import { scanDigests } from '../../server/jobs/digests-scan.ts';
import { signInteraction } from '../fakes/discord/keys.ts';
import { slash } from '../discord/interactions.ts';
import { DISCORD_TOKEN, openInstallWorld, type InstallWorld } from './world.ts';

const SLACK = {
  a: { team: 'TSIDEA001', user: 'USIDEA001', channel: 'CSIDEA001' },
  b: { team: 'TSIDEB002', user: 'USIDEB002', channel: 'CSIDEB002' },
};
const DISCORD = {
  a: { guild: '850000000000000101', channel: '750000000000000101' },
  b: { guild: '850000000000000202', channel: '750000000000000202' },
};
const admin = { userId: '650000000000000001', admin: true };

describe('two companies, two Slack workspaces and two Discord servers side by side', () => {
  let w: InstallWorld;
  let ctx: JobContext;
  const logs: string[] = [];

  beforeAll(async () => {
    w = await openInstallWorld();
    for (const k of ['a', 'b'] as const) {
      w.slack.addUser({ id: SLACK[k].user, teamId: SLACK[k].team, isAdmin: true });
      w.slack.addChannel(SLACK[k].team, SLACK[k].channel);
      w.discord.addChannel(DISCORD[k].guild, DISCORD[k].channel);
    }
    const log = {
      info: (_f: object, m?: string) => {
        logs.push(`info ${m}`);
      },
      warn: (f: object, m?: string) => {
        logs.push(`warn ${m} ${JSON.stringify(f)}`);
      },
      error: (f: object, m?: string) => {
        logs.push(`error ${m} ${JSON.stringify(f)}`);
      },
    };
    const tokens = SlackTokens.fromConfig(w.config, w.pool, log);
    const deliverers = {
      slack: new SlackDeliverer({
        clients: new SlackClients({ tokens, apiUrl: w.config.SLACK_API_URL, log, retryConfig: { retries: 0 } }),
        log,
      }),
      discord: new DiscordDeliverer(discordRest({ token: DISCORD_TOKEN, apiBase: w.discord.api })),
    };
    ctx = buildJobContext({
      config: w.config,
      pool: w.pool,
      log,
      signal: new AbortController().signal,
      now: () => new Date('2026-04-15T12:05:00Z'),
      deliverers,
      botDeps: w.app.shared,
    });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('installs, answers, digests and alerts with nothing crossing over', async () => {
    const co = { a: w.co.a.id, b: w.co.b.id };
    // Install all four through their real flows, each with its company's grant.
    for (const k of ['a', 'b'] as const) {
      expect((await w.installSlack(SLACK[k].team, w.grant(co[k]))).status).toBe(200);
      expect((await w.installDiscord(DISCORD[k].guild, w.grant(co[k]))).status).toBe(200);
    }
    expect(w.config.SLACK_BOT_TOKEN).toBeUndefined();
    for (const k of ['a', 'b'] as const) {
      for (const [platform, id, channel] of [
        ['slack', SLACK[k].team, SLACK[k].channel],
        ['discord', DISCORD[k].guild, DISCORD[k].channel],
      ] as const) {
        const link = (await findWorkspaceLink(w.pool, platform, id))!;
        expect(link.companyId).toBe(co[k]);
        // The alert channel is the staff channel, so alerts name members; the digest goes out at 12:00 UTC.
        await updateWorkspaceSettings(w.pool, co[k], link.id, {
          digestChannelId: channel,
          alertChannelId: channel,
          staffChannelId: channel,
          digestHour: 12,
        });
      }
    }
    const tokenOf = (team: string) => [...w.slack.installs.values()].find((i) => i.teamId === team)!.token;

    // Answers: /pulse revenue in each workspace, /revenue in each server.
    for (const k of ['a', 'b'] as const)
      await w.slackCommand(
        { teamId: SLACK[k].team, userId: SLACK[k].user, channelId: SLACK[k].channel },
        'revenue last_month',
        `side-${k}`,
      );
    const slackAnswer = async (k: 'a' | 'b') =>
      JSON.stringify((await w.slack.waitFor(() => w.slack.responses.find((r) => r.id === `side-${k}`), 10_000)).body);
    const discordAnswer = async (k: 'a' | 'b') => {
      const payload = slash({ guildId: DISCORD[k].guild, channelId: DISCORD[k].channel, person: admin }, 'revenue', {
        period: 'last_month',
      });
      const signed = signInteraction(w.keys, payload);
      const r = await w.app.inject({
        method: 'POST',
        url: '/discord/interactions',
        headers: signed.headers,
        payload: signed.body,
      });
      const first = JSON.parse(r.body) as { type: number; data?: unknown };
      if (first.type === 4) return JSON.stringify(first.data);
      const edit = await w.discord.waitFor((q) => q.method === 'PATCH' && q.path.includes(String(payload.token)));
      return JSON.stringify(edit.json);
    };
    const answers = {
      slackA: await slackAnswer('a'),
      slackB: await slackAnswer('b'),
      discordA: await discordAnswer('a'),
      discordB: await discordAnswer('b'),
    };
    for (const [where, text] of Object.entries(answers)) {
      const mine = where.endsWith('A') ? '$30' : '$99';
      const theirs = where.endsWith('A') ? '$99' : '$30';
      expect(text, where).toContain(mine);
      expect(text, where).not.toContain(theirs);
    }

    // Digests at 12:05 UTC: one per workspace, each with its own company's MRR.
    const digests = await scanDigests(ctx);
    expect(digests.outcomes.map((o) => o.status)).toEqual(['posted', 'posted', 'posted', 'posted']);
    // Churn alerts: Acme's two members in Acme's places, Bolt's one in Bolt's.
    for (const k of ['a', 'b'] as const) {
      const scan = await scanCompanyChurnAlerts(ctx, co[k]);
      expect(scan.outcomes.map((o) => o.status)).toEqual(['posted', 'posted']);
    }

    const slackPosts = w.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true);
    const discordPosts = w.discord.requests.filter(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.status === 200,
    );
    expect(slackPosts).toHaveLength(4);
    expect(discordPosts).toHaveLength(4);
    for (const k of ['a', 'b'] as const) {
      const mine =
        k === 'a' ? { mrr: '$30', names: ['Ann Archer', 'Ben Baker'] } : { mrr: '$99', names: ['Zed Zimmer'] };
      const theirs =
        k === 'a' ? { mrr: '$99', names: ['Zed Zimmer'] } : { mrr: '$30', names: ['Ann Archer', 'Ben Baker'] };
      const inSlack = slackPosts.filter((c) => c.body.channel === SLACK[k].channel);
      const inDiscord = discordPosts.filter((r) => r.path === `/channels/${DISCORD[k].channel}/messages`);
      expect(inSlack).toHaveLength(2);
      expect(inDiscord).toHaveLength(2);
      // Every post into workspace k's channel went out with workspace k's own token.
      expect(inSlack.map((c) => c.token)).toEqual([tokenOf(SLACK[k].team), tokenOf(SLACK[k].team)]);
      const text = [
        ...inSlack.map((c) => JSON.stringify(c.body)),
        ...inDiscord.map((r) => JSON.stringify(r.json)),
      ].join('\n');
      expect(text).toContain(mine.mrr);
      for (const n of mine.names) expect(text).toContain(n);
      expect(text).not.toContain(theirs.mrr);
      for (const n of theirs.names) expect(text).not.toContain(n);
    }
    // No Slack call anywhere was refused (a token used outside its workspace would be), and nothing was logged as failed.
    expect(
      w.slack.calls.filter((c) => c.result?.ok === false).map((c) => `${c.method} ${String(c.result?.error)}`),
    ).toEqual([]);
    expect(logs.filter((l) => l.startsWith('error') || l.includes('failed'))).toEqual([]);
  });
});
