// The app every fuzz suite (and the fuzz bench) sends its requests to: the real Fastify app (buildApp) on a
// migrated database, with every public endpoint switched on — a Whop webhook secret, a Discord public key (its
// private half signs), a Slack signing secret and bot token — and Discord's and Slack's APIs pointed at the
// loopback fakes, so whatever a signed request makes Pulse send goes nowhere real. Requests go in through
// `inject`. "Nothing stored" is checked two ways: `rowCounts()` counts the rows of every table, and `writes()`
// reads a counter that a row-level trigger on every table bumps on each insert, update or delete (one cheap read
// per request, and it sees updates too).
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildApp } from '../../server/app.ts';
import { loggerOptions } from '../../server/observability/index.ts';
import { testDiscordKeys, type TestDiscordKeys } from '../fakes/discord/keys.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.ts';

export const FUZZ_PULSE_SECRET = 'fuzz-pulse-secret-0123456789abcdef0123456789';
export const FUZZ_WHOP_SECRET = 'ws_fuzz0123456789abcdef0123456789ab';
export const FUZZ_SLACK_SECRET = 'fuzz-slack-signing-secret-0123456789';
export const FUZZ_DISCORD_APP_ID = '900000000000000777';
/** Pulse's own tier plans: membership events of these plans take the app-event path. */
export const FUZZ_PULSE_PLANS = { pro: 'plan_fuzzpro0001', enterprise: 'plan_fuzzent0001' };
const DISCORD_BOT_TOKEN = 'fake-bot-token.fuzz.0123456789';

/** What the request builders need to sign: the real secrets and keys the app checks against. */
export interface FuzzSecrets {
  pulse: string;
  whop: string;
  slack: string;
  discord: TestDiscordKeys;
  discordAppId: string;
  /** A response_url on the fake Slack (answers to signed slash commands land there, not on the internet). */
  slackResponseUrl: string;
}

export interface FuzzRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface FuzzApp {
  app: FastifyInstance;
  pool: pg.Pool;
  config: Config;
  secrets: FuzzSecrets;
  fakes: { discord: FakeDiscord; slack: FakeSlack };
  /** Every log line the app wrote (already redacted), when started with `keepLogs`. */
  logs: string[];
  send(req: FuzzRequest): Promise<{ status: number; body: string }>;
  /** Rows per table, every table of the schema. */
  rowCounts(): Promise<Record<string, number>>;
  /** How many rows any statement has inserted, updated or deleted since the app started, in any table. */
  writes(): Promise<number>;
  close(): Promise<void>;
}

async function tableNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string }>(
    `select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  // Partitioned tables (activity_events) take the trigger once, on the parent: their partitions inherit it.
  return rows.map((r) => r.table_name);
}

/** The write counter: a sequence every table's row-level trigger advances (test databases only). */
async function installWriteCounter(pool: pg.Pool, tables: string[]): Promise<void> {
  await pool.query(`create sequence if not exists fuzz_writes;
    create or replace function fuzz_count_write() returns trigger language plpgsql as $$
      begin perform nextval('fuzz_writes'); return null; end $$;`);
  for (const t of tables) {
    await pool.query(
      `create or replace trigger fuzz_count_write after insert or update or delete on "${t}" for each row execute function fuzz_count_write()`,
    );
  }
}

export async function startFuzzApp(
  databaseUrl: string,
  opts: { now?: () => Date; keepLogs?: boolean } = {},
): Promise<FuzzApp> {
  const discordKeys = testDiscordKeys();
  const discord = await startFakeDiscord({ token: DISCORD_BOT_TOKEN, appId: FUZZ_DISCORD_APP_ID });
  const slack = await startFakeSlack();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PULSE_SECRET: FUZZ_PULSE_SECRET,
    PUBLIC_URL: 'http://pulse.fuzz',
    LOG_LEVEL: 'warn',
    // inject's requests come from 127.0.0.1: as a trusted proxy, the client is the last X-Forwarded-For entry, so
    // report-page requests can each come from an address of their own (report-requests.ts fromNewClient).
    TRUST_PROXY: '127.0.0.1',
    WHOP_WEBHOOK_SECRET: FUZZ_WHOP_SECRET,
    WHOP_API_BASE_URL: 'http://127.0.0.1:9/api/v1',
    PULSE_PLAN_PRO: FUZZ_PULSE_PLANS.pro,
    PULSE_PLAN_ENTERPRISE: FUZZ_PULSE_PLANS.enterprise,
    DISCORD_PUBLIC_KEY: discordKeys.publicKeyHex,
    DISCORD_API_BASE_URL: discord.api,
    DISCORD_TOKEN: DISCORD_BOT_TOKEN,
    DISCORD_APP_ID: FUZZ_DISCORD_APP_ID,
    SLACK_SIGNING_SECRET: FUZZ_SLACK_SECRET,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.apiUrl,
  });
  const logs: string[] = [];
  // Logging stays on at warn, through the production redaction: every refused request writes a line from hostile input.
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (opts.keepLogs) logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const db = openPool(databaseUrl, { timeouts: 'request' });
  const app = await buildApp({
    config,
    db,
    logger: loggerOptions('warn', stream),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const pool = openPool(databaseUrl, { max: 2 });
  const tables = await tableNames(pool);
  const counting = tables.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
  await installWriteCounter(pool, tables);
  return {
    app,
    pool,
    config,
    logs,
    fakes: { discord, slack },
    secrets: {
      pulse: FUZZ_PULSE_SECRET,
      whop: FUZZ_WHOP_SECRET,
      slack: FUZZ_SLACK_SECRET,
      discord: discordKeys,
      discordAppId: FUZZ_DISCORD_APP_ID,
      slackResponseUrl: slack.responseUrl('fuzz'),
    },
    async send(req) {
      const r = await app.inject({
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      } as InjectOptions);
      return { status: r.statusCode, body: r.body };
    },
    async writes() {
      const { rows } = await pool.query<{ n: string }>({
        name: 'fuzz_writes',
        text: `select case when is_called then last_value else 0 end as n from fuzz_writes`,
      });
      return Number(rows[0]!.n);
    },
    async rowCounts() {
      const { rows } = await pool.query<{ t: string; n: number }>({ name: 'fuzz_row_counts', text: counting });
      return Object.fromEntries(rows.map((r) => [r.t, r.n]));
    },
    async close() {
      await app.close();
      await pool.end();
      await db.end();
      await discord.close();
      await slack.close();
    },
  };
}
