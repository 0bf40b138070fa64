// The Discord test rig: the real app (buildApp) on a fresh database, with DISCORD_PUBLIC_KEY = a test key and
// DISCORD_API_BASE_URL = a loopback fake Discord; signed interaction requests through POST
// /discord/interactions (fastify inject), and the follow-ups the fake records.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildApp } from '../../server/app.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { signInteraction, testDiscordKeys, type TestDiscordKeys } from '../fakes/discord/keys.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import type { RecordedRequest } from '../fakes/discord/wire.ts';
import { APP_ID } from './interactions.ts';
import { linkForTest } from '../helpers/chat-links.ts';

export const BOT_TOKEN = 'fake-bot-token.discord.0123456789';

export interface Sent {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
  token: string;
}

/** What the person finally sees for one interaction, however it got there. */
export interface Shown {
  /** The HTTP reply's type (4 direct, 5/6 deferred, 7 update, 8 autocomplete, 9 modal). */
  initialType: number;
  /** 'reply' (type 4/7 body), 'edit' (@original edited), 'followup' (a new webhook message). */
  via: 'reply' | 'edit' | 'followup';
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
  files: RecordedRequest['files'];
  ephemeral: boolean;
  /** The placeholder edit when Pulse deferred in public and the answer was private. */
  placeholder?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
}

export interface DiscordRig {
  app: FastifyInstance;
  fake: FakeDiscord;
  keys: TestDiscordKeys;
  db: TestPool;
  /** A plain pool on the test database (fixtures, assertions). */
  pool: pg.Pool;
  config: Config;
  /** Signs and posts an interaction payload. */
  send(payload: Record<string, unknown>, headers?: Record<string, string>): Promise<Sent>;
  /** The first edit of @original for an interaction token (waits for it). */
  original(token: string): Promise<RecordedRequest>;
  /** Follow-up messages (POST to the interaction webhook) for a token, after waiting for `count`. */
  followUps(token: string, count?: number): Promise<RecordedRequest[]>;
  /** Follows one interaction to what is finally shown (waits for deferred follow-ups). */
  shown(sent: Sent): Promise<Shown>;
  link(
    guildId: string,
    companyId: number,
    opts?: { staffChannelId?: string; allowedRoleIds?: string[] },
  ): Promise<void>;
  close(): Promise<void>;
}

export async function startDiscordRig(
  opts: { now?: () => Date; env?: Record<string, string> } = {},
): Promise<DiscordRig> {
  const keys = testDiscordKeys();
  const fake = await startFakeDiscord({ token: BOT_TOKEN, appId: APP_ID });
  const db = await withPool();
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: 'discord-test-secret-0123456789abcdef0123',
    LOG_LEVEL: 'silent',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_API_BASE_URL: fake.api,
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_APP_ID: APP_ID,
    ...opts.env,
  });
  const app = await buildApp({ config, db: db.pool, logger: false, ...(opts.now ? { now: opts.now } : {}) });
  const pool = openPool(db.url, { max: 3 });
  const webhookPath = (token: string) => `/webhooks/${APP_ID}/${token}`;
  const rig: DiscordRig = {
    app,
    fake,
    keys,
    db,
    pool,
    config,
    async send(payload, headers = {}) {
      const signed = signInteraction(keys, payload);
      const r = await app.inject({
        method: 'POST',
        url: '/discord/interactions',
        headers: { ...signed.headers, ...headers },
        payload: signed.body,
      });
      return { status: r.statusCode, json: r.body ? JSON.parse(r.body) : undefined, token: String(payload.token) };
    },
    original: (token) =>
      fake.waitFor((r) => r.method === 'PATCH' && r.path === `${webhookPath(token)}/messages/@original`),
    async followUps(token, count = 1) {
      const match = (r: RecordedRequest) => r.method === 'POST' && r.path === webhookPath(token);
      const deadline = Date.now() + 10_000;
      while (fake.requests.filter((r) => match(r) && r.status !== 0).length < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      return fake.requests.filter(match);
    },
    async shown(sent) {
      const type = sent.json.type as number;
      const ephemeralFlag = (flags: unknown) => (Number(flags ?? 0) & 64) !== 0;
      if (type === 4 || type === 7)
        return {
          initialType: type,
          via: 'reply',
          json: sent.json.data,
          files: [],
          ephemeral: ephemeralFlag(sent.json.data?.flags),
        };
      const path = webhookPath(sent.token);
      const next = await fake.waitFor(
        (r) =>
          (r.method === 'PATCH' && r.path === `${path}/messages/@original`) || (r.method === 'POST' && r.path === path),
      );
      const deferredEphemeral = type === 5 && ephemeralFlag(sent.json.data?.flags);
      if (next.method === 'POST')
        return {
          initialType: type,
          via: 'followup',
          json: next.json,
          files: next.files,
          ephemeral: ephemeralFlag(next.json.flags),
        };
      if (next.json.embeds?.[0]?.title === 'Sent to you privately') {
        const [follow] = await rig.followUps(sent.token);
        return {
          initialType: type,
          via: 'followup',
          json: follow!.json,
          files: follow!.files,
          ephemeral: ephemeralFlag(follow!.json.flags),
          placeholder: next.json,
        };
      }
      return { initialType: type, via: 'edit', json: next.json, files: next.files, ephemeral: deferredEphemeral };
    },
    link: (guildId, companyId, o = {}) => linkForTest(pool, 'discord', guildId, companyId, o),
    async close() {
      await app.close();
      await pool.end();
      await fake.close();
      await db.drop();
    },
  };
  return rig;
}
