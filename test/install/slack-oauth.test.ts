// Slack OAuth v2 distribution end to end, with no SLACK_BOT_TOKEN: "Add to Slack" with an install grant starts at
// /slack/install (state cookie, redirect to Slack's authorize page with Pulse's scopes), the fake Slack's code
// comes back to /slack/oauth_redirect, the installation is stored (token sealed) and the workspace bound to the
// grant's company. A forged state, a replayed one, one from another browser and a cancelled install are refused
// and store nothing; a used grant leaves the workspace installed but unlinked. Each workspace's commands then run
// with its own token, and uninstalling one (app_uninstalled) deletes its installation and link — a digest already
// claimed for it fails for good without posting — while the other keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { answer } from '../../bot/answer.ts';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { SlackClients } from '../../bot/slack/oauth/clients.ts';
import { SlackTokens } from '../../bot/slack/oauth/tokens.ts';
import { buildJobContext } from '../../server/jobs/context.ts';
import { retryDeliveries } from '../../server/jobs/deliveries-retry.ts';
import { openInstallWorld, PUBLIC_URL, type InstallWorld } from './world.ts';

const TEAM_A = 'TINSTALLA1';
const TEAM_B = 'TINSTALLB2';
const ADMIN_A = { teamId: TEAM_A, userId: 'UADMINIA1', channelId: 'CINSTA0001' };
const ADMIN_B = { teamId: TEAM_B, userId: 'UADMINIB1', channelId: 'CINSTB0001' };

describe('Slack OAuth install', () => {
  let w: InstallWorld;

  beforeAll(async () => {
    w = await openInstallWorld();
    w.slack.addUser({ id: ADMIN_A.userId, teamId: TEAM_A, isAdmin: true });
    w.slack.addUser({ id: ADMIN_B.userId, teamId: TEAM_B, isAdmin: true });
    w.slack.addChannel(TEAM_A, ADMIN_A.channelId);
    w.slack.addChannel(TEAM_B, ADMIN_B.channelId);
  });
  afterAll(async () => {
    await w?.close();
  });

  it("starts at Slack's authorize page with Pulse's scopes, the redirect URL and a state bound to a cookie", async () => {
    const r = await w.app.inject({
      method: 'GET',
      url: `/slack/install?grant=${encodeURIComponent(w.grant(w.co.a.id))}`,
    });
    expect(r.statusCode).toBe(302);
    const url = new URL(String(r.headers.location));
    expect(url.origin + url.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe(w.slack.clientId);
    expect(url.searchParams.get('scope')).toBe('commands,chat:write,files:write,users:read,usergroups:read');
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/slack/oauth_redirect`);
    const state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(String(r.headers['set-cookie'])).toContain(
      `slack-app-oauth-state=${state}; Secure; HttpOnly; Path=/; Max-Age=600`,
    );
    // The grant stays server-side, sealed: neither the URL nor the state row holds it readable.
    expect(url.toString()).not.toContain('grant');
    const { rows } = await w.pool.query<{ options_enc: Buffer }>('select options_enc from slack_oauth_states');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.options_enc.toString('latin1')).not.toContain('install');
  });

  it("installs workspace A with a grant: the installation stored with its token sealed, the workspace bound to the grant's company", async () => {
    const done = await w.installSlack(TEAM_A, w.grant(w.co.a.id), { teamName: 'Acme HQ' });
    expect(done.status).toBe(200);
    expect(done.page).toContain('Pulse is installed in Acme HQ and answers for Acme Academy');
    expect(await w.linkOf('slack', TEAM_A)).toBe(w.co.a.id);
    const token = [...w.slack.installs.values()].find((i) => i.teamId === TEAM_A)!.token;
    const { rows } = await w.pool.query<{
      installation_key: string;
      bot_user_id: string;
      bot_scopes: string[];
      bot_token_enc: Buffer;
    }>('select installation_key, bot_user_id, bot_scopes, bot_token_enc from slack_installations');
    expect(rows.map((r) => [r.installation_key, r.bot_user_id])).toEqual([[`team:${TEAM_A}`, `UBOT${TEAM_A}`]]);
    expect(rows[0]!.bot_scopes).toContain('chat:write');
    expect(rows[0]!.bot_token_enc.toString('latin1')).not.toContain(token);
    // The code was exchanged once, with the app's credentials and the same redirect URI.
    const exchange = w.slack.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.body).toMatchObject({
      code: done.code,
      client_id: w.slack.clientId,
      redirect_uri: `${PUBLIC_URL}/slack/oauth_redirect`,
    });
  });

  it('refuses the same callback a second time (state used), storing nothing', async () => {
    const grant = w.grant(w.co.b.id);
    const first = await w.installSlack(TEAM_B, grant);
    expect(first.status).toBe(200);
    await w.pool.query('delete from slack_installations where installation_key = $1', [`team:${TEAM_B}`]);
    await w.pool.query("delete from workspace_links where platform = 'slack' and external_id = $1", [TEAM_B]);
    const replay = await w.slackCallback({ code: first.code, state: first.state }, first.cookie);
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('already used, expired, or was opened in another browser');
    expect(await w.linkOf('slack', TEAM_B)).toBeNull();
    expect(
      (await w.pool.query('select 1 from slack_installations where installation_key = $1', [`team:${TEAM_B}`]))
        .rowCount,
    ).toBe(0);
  });

  it('refuses a forged state even when the cookie matches it, a state without its cookie, and a cancelled install', async () => {
    const before = w.slack.callsTo('oauth.v2.access').length;
    const code = w.slack.authorizeInstall({ teamId: 'TFORGED01' });
    const forged = await w.slackCallback(
      { code, state: 'forged-state-value' },
      'slack-app-oauth-state=forged-state-value',
    );
    expect(forged.status).toBe(400);

    const start = await w.app.inject({ method: 'GET', url: '/slack/install' });
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const noCookie = await w.slackCallback({ code, state });
    expect(noCookie.status).toBe(400);
    const cancelled = await w.slackCallback({ error: 'access_denied', state }, `slack-app-oauth-state=${state}`);
    expect(cancelled.status).toBe(400);
    // Slack was never asked to exchange a code for any of them.
    expect(w.slack.callsTo('oauth.v2.access').length).toBe(before);
    expect(await w.linkOf('slack', 'TFORGED01')).toBeNull();
  });

  it('installs with a used grant but leaves the workspace unlinked, and says how to link it', async () => {
    const grant = w.grant(w.co.a.id);
    expect((await w.installSlack('TREUSE001', grant)).status).toBe(200);
    const second = await w.installSlack('TREUSE002', grant);
    expect(second.status).toBe(200);
    expect(second.page).toContain('expired or was already used');
    expect(second.page).toContain('/pulse setup');
    expect(await w.linkOf('slack', 'TREUSE001')).toBe(w.co.a.id);
    expect(await w.linkOf('slack', 'TREUSE002')).toBeNull();
    expect(
      (await w.pool.query('select 1 from slack_installations where installation_key = $1', ['team:TREUSE002']))
        .rowCount,
    ).toBe(1);
  });

  it('answers each workspace with its own token and company, without SLACK_BOT_TOKEN', async () => {
    // B was installed and then removed above: install it again for real.
    expect((await w.installSlack(TEAM_B, w.grant(w.co.b.id))).status).toBe(200);
    expect(w.config.SLACK_BOT_TOKEN).toBeUndefined();
    const tokenOf = (team: string) => [...w.slack.installs.values()].filter((i) => i.teamId === team).at(-1)!.token;
    expect((await w.slackCommand(ADMIN_A, 'revenue last_month', 'rev-a')).status).toBe(200);
    expect((await w.slackCommand(ADMIN_B, 'revenue last_month', 'rev-b')).status).toBe(200);
    const answer = async (id: string) =>
      JSON.stringify((await w.slack.waitFor(() => w.slack.responses.find((r) => r.id === id), 10_000)).body);
    // Acme: 3 customers at $10 → MRR $30; Bolt: Zed at $99 → MRR $99 (test/slack/fixture.ts).
    const a = await answer('rev-a');
    const b = await answer('rev-b');
    expect(a).toContain('*MRR*\\n$30\\n');
    expect(a).not.toContain('$99');
    expect(b).toContain('*MRR*\\n$99\\n');
    expect(b).not.toContain('$30');
    // Who asked was looked up with each workspace's own token, and every chart upload went out with it too.
    const usersInfo = w.slack.callsTo('users.info');
    expect(usersInfo.find((c) => c.body.user === ADMIN_A.userId)?.token).toBe(tokenOf(TEAM_A));
    expect(usersInfo.find((c) => c.body.user === ADMIN_B.userId)?.token).toBe(tokenOf(TEAM_B));
    const uploads = await w.slack.waitFor(() => {
      const done = w.slack.callsTo('files.completeUploadExternal');
      return done.length >= 2 && done;
    }, 10_000);
    expect(uploads.map((c) => [c.body.channel_id, c.teamId, c.result?.ok])).toEqual(
      expect.arrayContaining([
        [ADMIN_A.channelId, TEAM_A, true],
        [ADMIN_B.channelId, TEAM_B, true],
      ]),
    );
    expect(
      w.slack.calls.filter((c) => c.result?.ok === false).map((c) => `${c.method} ${String(c.result?.error)}`),
    ).toEqual([]);
    // The fake would have noticed a token used in the wrong workspace: A's token cannot post in B's channel.
    const asA = new WebClient(tokenOf(TEAM_A), { slackApiUrl: w.slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(asA.chat.postMessage({ channel: ADMIN_B.channelId, text: 'hello' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(asA.users.info({ user: ADMIN_B.userId })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it("app_uninstalled deletes A's installation and link; A gets no answer, B still does", async () => {
    // A digest for A already claimed (its worker died) when A uninstalls.
    const { rows } = await w.pool.query<{ id: string }>(
      "select id from workspace_links where platform = 'slack' and external_id = $1",
      [TEAM_A],
    );
    await w.pool.query(
      `insert into deliveries (company_id, dedupe_key, platform, channel_id, kind, workspace_link_id, status, attempts, lease_until, created_at)
      values ($1, $2, 'slack', $3, 'daily_digest', $4, 'claimed', 1, $5, $5)`,
      [
        w.co.a.id,
        `daily_digest:2026-04-14:slack:${ADMIN_A.channelId}`,
        ADMIN_A.channelId,
        rows[0]!.id,
        new Date('2026-04-15T09:00:00Z'),
      ],
    );
    w.slack.revokeInstall(TEAM_A);
    expect((await w.slackEvent(TEAM_A, { type: 'app_uninstalled', event_ts: '1764000000.000300' })).status).toBe(200);
    await w.slack.waitFor(() => w.logs.some((l) => l.includes('slack workspace removed Pulse')) || undefined);
    expect(await w.linkOf('slack', TEAM_A)).toBeNull();
    expect(
      (await w.pool.query('select 1 from slack_installations where installation_key = $1', [`team:${TEAM_A}`]))
        .rowCount,
    ).toBe(0);

    const callsBefore = w.slack.calls.length;
    expect((await w.slackCommand(ADMIN_A, 'revenue', 'after-a')).status).toBe(200);
    expect((await w.slackCommand(ADMIN_B, 'revenue', 'after-b')).status).toBe(200);
    const b = await w.slack.waitFor(() => w.slack.responses.find((r) => r.id === 'after-b'), 10_000);
    expect(JSON.stringify(b.body)).toContain('*MRR*\\n$99\\n');
    // A's command met no installation: no listener ran, so nothing was looked up or posted for it.
    expect(w.slack.responses.some((r) => r.id === 'after-a')).toBe(false);
    expect(
      w.slack.calls
        .slice(callsBefore)
        .filter((c) => c.teamId !== TEAM_B)
        .map((c) => c.method),
    ).toEqual([]);
    expect(w.logs.some((l) => l.includes('Authorization of incoming event did not succeed'))).toBe(true);

    // The claimed digest fails for good instead of posting: A has no link and no token any more.
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const clients = new SlackClients({
      tokens: SlackTokens.fromConfig(w.config, w.pool, log),
      apiUrl: w.config.SLACK_API_URL,
      log,
    });
    const ctx = buildJobContext({
      config: w.config,
      pool: w.pool,
      log,
      signal: new AbortController().signal,
      now: () => new Date('2026-04-15T12:00:00Z'),
      deliverers: { slack: new SlackDeliverer({ clients, log }) },
      botDeps: w.app.shared,
    });
    const posts = w.slack.callsTo('chat.postMessage').length;
    expect((await retryDeliveries(ctx)).map((o) => o.status)).toEqual(['failed']);
    const ledger = await w.pool.query<{ status: string; error: string }>(
      'select status, error from deliveries where channel_id = $1',
      [ADMIN_A.channelId],
    );
    expect(ledger.rows[0]!.status).toBe('failed');
    expect(ledger.rows[0]!.error).toContain('workspace_unlinked');
    expect(w.slack.callsTo('chat.postMessage').length).toBe(posts);
    // And a workspace that is linked but not installed is refused by the deliverer itself, without a call.
    await expect(
      new SlackDeliverer({ clients, log }).post(
        { platform: 'slack', workspaceId: 'TNOTINSTALLED', channelId: 'CX' },
        answer({ title: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'not_installed' });
  });

  it('tokens_revoked naming the bot removes the workspace too; one naming only users changes nothing', async () => {
    const removals = () =>
      w.logs.filter((l) => l.includes('slack workspace removed Pulse') && l.includes('tokens_revoked'));
    expect(
      (
        await w.slackEvent(TEAM_B, {
          type: 'tokens_revoked',
          tokens: { oauth: ['UADMINIB1'] },
          event_ts: '1764000000.000400',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await w.slackEvent(TEAM_B, {
          type: 'tokens_revoked',
          tokens: { bot: [`UBOT${TEAM_B}`] },
          event_ts: '1764000000.000500',
        })
      ).status,
    ).toBe(200);
    await w.slack.waitFor(() => removals().length > 0 || undefined);
    expect(removals()).toHaveLength(1);
    expect(await w.linkOf('slack', TEAM_B)).toBeNull();
    expect(
      (await w.pool.query('select 1 from slack_installations where installation_key = $1', [`team:${TEAM_B}`]))
        .rowCount,
    ).toBe(0);
  });
});
