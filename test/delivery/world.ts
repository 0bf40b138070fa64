// A delivery test world: a migrated database, the fake Discord and fake Slack with the real deliverers
// pointed at them, fixtures, a job context on an injected clock, and a log that keeps what it was told.
import pg from 'pg';
import type { Deliverers, JobContext } from '../../server/jobs/context.ts';
import { buildJobContext } from '../../server/jobs/context.ts';
import type { JobLog } from '../../server/jobs/log.ts';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { SlackDeliverer } from '../../bot/slack/deliverer.ts';
import { loadConfig, type Config } from '../../core/config.ts';
import type { RetryPolicy } from '../../core/delivery/index.ts';
import {
  linkWorkspace,
  updateWorkspaceSettings,
  type WorkspaceLinkRow,
  type WorkspaceSettingsPatch,
} from '../../core/tenancy/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openFixtures, type Fixtures } from '../helpers/fixtures.ts';

export const DISCORD_TOKEN = 'fake-bot-token.pulse-delivery.0123456789';
export const DISCORD_APP = '900000000000000001';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  msg: string;
}

export interface DeliveryWorld {
  db: TestDatabase;
  pool: pg.Pool;
  fx: Fixtures;
  config: Config;
  discord: FakeDiscord;
  slack: FakeSlack;
  deliverers: Deliverers;
  logs: LogLine[];
  log: JobLog;
  context(opts: { now: () => Date; leaseMs?: number; policy?: RetryPolicy; signal?: AbortSignal }): JobContext;
  link(
    companyId: number,
    platform: 'discord' | 'slack',
    externalId: string,
    settings: WorkspaceSettingsPatch,
  ): Promise<WorkspaceLinkRow>;
  /** The channel posts the fakes accepted, oldest first (Discord messages, Slack chat.postMessage). */
  accepted(): { platform: 'discord' | 'slack'; channelId: string; title: string }[];
  close(): Promise<void>;
}

/** Slack retries quickly in tests (the WebClient waits out 429s itself). */
const fastSlackRetries = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 };

export async function openDeliveryWorld(): Promise<DeliveryWorld> {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 8 });
  pool.on('error', () => undefined);
  const fx = await openFixtures(db.url);
  const discord = await startFakeDiscord({ token: DISCORD_TOKEN, appId: DISCORD_APP });
  const slack = await startFakeSlack();
  const logs: LogLine[] = [];
  const keep = (level: LogLine['level']) => (fields: Record<string, unknown>, msg: string) => {
    logs.push({ level, fields, msg });
  };
  const log: JobLog = { info: keep('info'), warn: keep('warn'), error: keep('error') };
  const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 's'.repeat(40) });
  const deliverers: Deliverers = {
    discord: new DiscordDeliverer(
      discordRest({ token: DISCORD_TOKEN, apiBase: discord.api, maxRateLimitWaitMs: 5_000 }),
    ),
    slack: new SlackDeliverer({ botToken: slack.token, apiUrl: slack.apiUrl, log, retryConfig: fastSlackRetries }),
  };
  return {
    db,
    pool,
    fx,
    config,
    discord,
    slack,
    deliverers,
    logs,
    log,
    context: (o) =>
      buildJobContext({
        config,
        pool,
        log,
        signal: o.signal ?? new AbortController().signal,
        now: o.now,
        deliverers,
        leaseMs: o.leaseMs,
        policy: o.policy,
      }),
    async link(companyId, platform, externalId, settings) {
      const link = await linkWorkspace(pool, { platform, externalId, companyId, linkedBy: `${platform}:U1` });
      return updateWorkspaceSettings(pool, companyId, link.id, settings);
    },
    accepted() {
      const d = discord.requests
        .filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.status === 200)
        .map((r) => ({
          at: r.at,
          platform: 'discord' as const,
          channelId: r.path.split('/')[2]!,
          title: String(r.json?.embeds?.[0]?.title ?? ''),
        }));
      const s = slack
        .callsTo('chat.postMessage')
        .filter((c) => c.result?.ok === true)
        .map((c) => ({ at: c.at, platform: 'slack' as const, channelId: c.body.channel!, title: c.body.text ?? '' }));
      return [...d, ...s]
        .sort((a, b) => a.at - b.at)
        .map(({ platform, channelId, title }) => ({ platform, channelId, title }));
    },
    async close() {
      await discord.close();
      await slack.close();
      await fx.close();
      await pool.end();
      await db.drop();
    },
  };
}
