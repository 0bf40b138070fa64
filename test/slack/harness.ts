// The Slack test rig: the real app (buildApp) on a fresh database, with SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and
// SLACK_API_URL = a loopback fake Slack Web API; signed requests through POST /slack/events (fastify inject), and
// what the fake records afterwards (Web API calls, response_url posts, uploaded bytes).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadConfig, type Config } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { buildApp } from '../../server/app.ts';
import { withPool, type TestPool } from '../helpers/db.ts';
import { startFakeSlack, type FakeSlack, type ResponseUrlPost } from '../fakes/slack/server.ts';
import { linkForTest } from '../helpers/chat-links.ts';
import {
  appHomeOpenedBody,
  blockActionsBody,
  formContentType,
  jsonContentType,
  signSlackRequest,
  slashCommandBody,
  viewSubmissionBody,
  type Who,
} from '../fakes/slack/requests.ts';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';

export interface Acked {
  status: number;
  body: string;
  /** performance.now() when the HTTP answer (the ack) came back. */
  at: number;
}

export interface SlackRig {
  app: FastifyInstance;
  fake: FakeSlack;
  db: TestPool;
  pool: pg.Pool;
  config: Config;
  /** Everything the server logged (JSON lines). */
  logs: string[];
  /** Signs and posts a raw body. */
  post(
    body: string,
    contentType: string,
    opts?: { timestamp?: number; secret?: string; headers?: Record<string, string> },
  ): Promise<Acked>;
  /** `/pulse <text>`; the answer arrives at the response_url `id`. */
  command(who: Who, text: string, id: string): Promise<Acked>;
  click(
    who: Who,
    actionId: string,
    id: string,
    opts?: { selected?: string; container?: 'message' | 'ephemeral' | 'home' },
  ): Promise<Acked>;
  submitView(
    who: Who,
    callbackId: string,
    values: Record<string, Record<string, unknown>>,
    privateMetadata?: string,
  ): Promise<Acked>;
  openHome(who: Who): Promise<Acked>;
  /** The response_url posts under `id`, once there are `count` of them. */
  responses(id: string, count?: number): Promise<ResponseUrlPost[]>;
  link(teamId: string, companyId: number, opts?: { staffChannelId?: string; allowedRoleIds?: string[] }): Promise<void>;
  /**
   * Closes the app, which first waits for every acknowledged request to finish what it does after the ack
   * (answers, uploads): afterwards the fake holds everything the app will ever send. Only reading the fake and
   * close() remain.
   */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function startSlackRig(opts: { now?: () => Date; env?: Record<string, string> } = {}): Promise<SlackRig> {
  const fake = await startFakeSlack();
  const db = await withPool();
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: 'slack-test-secret-0123456789abcdef0123456',
    LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_API_URL: fake.apiUrl,
    ...opts.env,
  });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    config,
    db: db.pool,
    logger: { level: 'info', stream },
    ...(opts.now ? { now: opts.now } : {}),
  });
  const pool = openPool(db.url, { max: 3 });
  const post: SlackRig['post'] = async (body, contentType, o = {}) => {
    const signed = signSlackRequest(o.secret ?? SIGNING_SECRET, body, contentType, o.timestamp);
    const r = await app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: { ...signed.headers, ...o.headers },
      payload: body,
    });
    return { status: r.statusCode, body: r.body, at: performance.now() };
  };
  return {
    app,
    fake,
    db,
    pool,
    config,
    logs,
    post,
    command: (who, text, id) =>
      post(slashCommandBody({ ...who, text, responseUrl: fake.responseUrl(id) }), formContentType),
    click: (who, actionId, id, o = {}) =>
      post(blockActionsBody({ ...who, actionId, responseUrl: fake.responseUrl(id), ...o }), formContentType),
    submitView: (who, callbackId, values, privateMetadata) =>
      post(
        viewSubmissionBody({ ...who, callbackId, values, ...(privateMetadata ? { privateMetadata } : {}) }),
        formContentType,
      ),
    openHome: (who) => post(appHomeOpenedBody(who), jsonContentType),
    async responses(id, count = 1) {
      return fake.waitFor(() => {
        const found = fake.responses.filter((r) => r.id === id);
        return found.length >= count && found;
      }, 10_000);
    },
    link: (teamId, companyId, o = {}) => linkForTest(pool, 'slack', teamId, companyId, o),
    drained: () => app.close(),
    async close() {
      await app.close();
      await pool.end();
      await fake.close();
      await db.drop();
    },
  };
}

/** Text of every block of a Slack message (sections, fields, context, header), for assertions. */
export function blockTexts(blocks: unknown): string[] {
  const out: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON
  for (const b of (blocks ?? []) as Record<string, any>[]) {
    if (b.text?.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) if (typeof e.text === 'string') out.push(e.text);
  }
  return out;
}

/** The action ids of a message's actions blocks. */
export function actionIds(blocks: unknown): string[] {
  return ((blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));
}
