// The install test world: the real app (buildApp) on a fresh database with Slack OAuth distribution (client id
// and secret of the fake Slack, no SLACK_BOT_TOKEN) and Discord's code-grant install (the fake Discord's app id,
// client secret, public key and bot token); the two Slack companies of test/slack/fixture.ts marked installed on
// Whop; install grants signed as the link page signs them; and the browser steps of both installs.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { signInstallGrant } from '../../core/linking/install-grant.ts';
import { buildApp } from '../../server/app.ts';
import { testDiscordKeys, type TestDiscordKeys } from '../fakes/discord/keys.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import {
  signSlackRequest,
  slashCommandBody,
  formContentType,
  jsonContentType,
  type Who,
} from '../fakes/slack/requests.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { buildCompanies, NOW, type SlackCompanies } from '../slack/fixture.ts';
import { APP_ID } from '../discord/interactions.ts';

export const PUBLIC_URL = 'https://pulse.example.test';
export const SIGNING_SECRET = 'slack-signing-secret-install-tests-0123456';
export const DISCORD_TOKEN = 'fake-bot-token.discord-install.0123456789';
export const SECRET = 'install-test-secret-0123456789abcdef012345';

export interface SlackInstallResult {
  status: number;
  page: string;
  /** What the browser carried: the state in the authorize URL and the cookie set with it. */
  state: string;
  cookie: string;
  code: string;
  authorizeUrl: URL;
}

export interface InstallWorld {
  app: FastifyInstance;
  slack: FakeSlack;
  discord: FakeDiscord;
  keys: TestDiscordKeys;
  db: TestPool;
  pool: pg.Pool;
  config: Config;
  co: SlackCompanies;
  logs: string[];
  grant(companyId: number, whopUserId?: string): string;
  /** The whole "Add to Slack" round trip for a team; `grant` is carried when given. */
  installSlack(
    teamId: string,
    grant?: string,
    opts?: { teamName?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
  ): Promise<SlackInstallResult>;
  /** The redirect back from Slack, as the browser would send it. */
  slackCallback(query: Record<string, string>, cookie?: string): Promise<{ status: number; page: string }>;
  /** "Add to Discord" on `guildId`; the redirect may claim another server in `guild_id`. */
  installDiscord(
    guildId: string,
    state: string,
    opts?: { hintedGuildId?: string; guildName?: string },
  ): Promise<{ status: number; page: string; code: string }>;
  /** Signs and posts a Slack request to /slack/events. */
  slackPost(body: string, contentType: string): Promise<{ status: number; body: string }>;
  /** `/pulse <text>` in a team; the answer lands at response_url `id`. */
  slackCommand(who: Who, text: string, id: string): Promise<{ status: number; body: string }>;
  slackEvent(teamId: string, event: Record<string, unknown>): Promise<{ status: number; body: string }>;
  linkOf(platform: 'slack' | 'discord', externalId: string): Promise<number | null>;
  close(): Promise<void>;
}

export async function openInstallWorld(opts: { env?: Record<string, string> } = {}): Promise<InstallWorld> {
  const slack = await startFakeSlack();
  const keys = testDiscordKeys();
  const discord = await startFakeDiscord({ token: DISCORD_TOKEN, appId: APP_ID });
  const db = await withPool();
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: SECRET,
    PUBLIC_URL,
    LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: slack.clientId,
    SLACK_CLIENT_SECRET: slack.clientSecret,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_APP_ID: APP_ID,
    DISCORD_CLIENT_SECRET: discord.clientSecret,
    DISCORD_API_BASE_URL: discord.api,
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_TOKEN,
    ...opts.env,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({ config, db: db.pool, logger: { level: 'info', stream }, now: () => NOW });
  const pool = openPool(db.url, { max: 4 });
  const co = await buildCompanies(db.url);
  await pool.query(
    `update companies set whop_installation_id = 'aag_' || id, installed_at = now() where id = any($1)`,
    [[co.a.id, co.b.id]],
  );

  const slackCallback: InstallWorld['slackCallback'] = async (query, cookie) => {
    const r = await app.inject({
      method: 'GET',
      url: `/slack/oauth_redirect?${new URLSearchParams(query)}`,
      headers: cookie ? { cookie } : {},
    });
    return { status: r.statusCode, page: r.body };
  };
  const slackPost: InstallWorld['slackPost'] = async (body, contentType) => {
    const signed = signSlackRequest(SIGNING_SECRET, body, contentType);
    const r = await app.inject({ method: 'POST', url: '/slack/events', headers: signed.headers, payload: body });
    return { status: r.statusCode, body: r.body };
  };

  return {
    app,
    slack,
    discord,
    keys,
    db,
    pool,
    config,
    co,
    logs,
    grant: (companyId, whopUserId = 'user_admin1') => signInstallGrant(SECRET, { companyId, whopUserId }, NOW),
    async installSlack(teamId, grant, o = {}) {
      const start = await app.inject({
        method: 'GET',
        url: `/slack/install${grant ? `?grant=${encodeURIComponent(grant)}` : ''}`,
      });
      if (start.statusCode !== 302) throw new Error(`/slack/install answered ${start.statusCode}: ${start.body}`);
      const authorizeUrl = new URL(String(start.headers.location));
      const state = authorizeUrl.searchParams.get('state') ?? '';
      const setCookie = String(start.headers['set-cookie'] ?? '');
      const cookie = setCookie.split(';')[0]!;
      const code = slack.authorizeInstall({
        teamId,
        redirectUri: authorizeUrl.searchParams.get('redirect_uri') ?? '',
        ...o,
      });
      const done = await slackCallback({ code, state }, cookie);
      return { ...done, state, cookie, code, authorizeUrl };
    },
    slackCallback,
    async installDiscord(guildId, state, o = {}) {
      const code = discord.authorizeInstall({
        guildId,
        redirectUri: `${PUBLIC_URL}/discord/install/callback`,
        ...(o.guildName ? { guildName: o.guildName } : {}),
      });
      const query = new URLSearchParams({ code, state, guild_id: o.hintedGuildId ?? guildId, permissions: '52224' });
      const r = await app.inject({ method: 'GET', url: `/discord/install/callback?${query}` });
      return { status: r.statusCode, page: r.body, code };
    },
    slackPost,
    slackCommand: (who, text, id) =>
      slackPost(slashCommandBody({ ...who, text, responseUrl: slack.responseUrl(id) }), formContentType),
    slackEvent: (teamId, event) =>
      slackPost(
        JSON.stringify({
          token: 'deprecated-verification-token',
          team_id: teamId,
          api_app_id: 'APULSE',
          type: 'event_callback',
          event_id: `Ev${Math.random().toString(36).slice(2)}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        jsonContentType,
      ),
    async linkOf(platform, externalId) {
      const { rows } = await pool.query<{ company_id: string }>(
        'select company_id from workspace_links where platform = $1 and external_id = $2',
        [platform, externalId],
      );
      return rows[0] ? Number(rows[0].company_id) : null;
    },
    async close() {
      await app.close();
      await pool.end();
      await slack.close();
      await discord.close();
      await db.drop();
    },
  };
}
