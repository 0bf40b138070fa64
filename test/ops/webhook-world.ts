// What the load test and the webhook fault test share: a migrated database (on any PostgreSQL server) holding a
// small simulated Whop company synced through the real path, distinct webhook events for it (new chat messages
// and new payments: each one applied adds exactly one row), and an open-loop sender at a fixed rate.
import { Agent } from 'node:http';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { materialize } from '../../demo/sim/index.ts';
import { createWhopClient, WhopApi } from '../../core/whop/client.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop } from '../../demo/fake-whop/server.ts';
import { makeEnvelope, postRaw, signedHeaders, type WebhookEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { dropDatabase, withAdmin } from '../helpers/test-databases.ts';

export const OPS_WEBHOOK_SECRET = 'ws_0f5a11edc0ffee00112233445566778899';

export interface WebhookWorld {
  url: string;
  data: FakeCompanyData;
  companyId: number;
  drop(): Promise<void>;
}

/**
 * A fresh database `name` on `adminUrl`, migrated, with a simulated company synced from a fake Whop; `refresh`
 * also builds its rollups and churn scores (what report pages read).
 */
export async function prepareWebhookWorld(
  adminUrl: string,
  name: string,
  opts: { members?: number; refresh?: boolean } = {},
): Promise<WebhookWorld> {
  const members = opts.members ?? 60;
  // No admin connection stays open: a fault test restarts the server under it.
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${quoteIdent(name)}`));
  const url = withDatabaseName(adminUrl, name);
  const data = companyFromSim(materialize({ seed: 11, members, months: 6, endDate: '2026-11-01T00:00:00Z' }));
  const fake = await startFakeWhop({ dataset: { companies: [data] } });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  try {
    await migrateUp(url);
    const { rows } = await pool.query<{ id: string }>(
      'insert into companies (whop_company_id, name) values ($1, $2) returning id',
      [data.company.id, data.company.title],
    );
    const companyId = Number(rows[0]!.id);
    await syncCompany(
      pool,
      new WhopApi(createWhopClient({ apiKey: defaultFakeApiKey, baseURL: fake.url })),
      { id: companyId, whopCompanyId: data.company.id },
      { mode: 'full' },
    );
    if (opts.refresh) await refreshCompany(pool, companyId, { asOf: new Date() });
    return { url, data, companyId, drop: () => withAdmin(adminUrl, (admin) => dropDatabase(admin, name)) };
  } finally {
    await fake.close();
    await pool.end();
  }
}

const linkedCache = new WeakMap<FakeCompanyData, FakeCompanyData['payments']>();
function linkedPayments(data: FakeCompanyData): FakeCompanyData['payments'] {
  let list = linkedCache.get(data);
  if (!list) linkedCache.set(data, (list = data.payments.filter((x) => x.membership)));
  return list;
}

export interface OpsEvent {
  envelope: WebhookEnvelope;
  kind: 'message' | 'payment';
  objectId: string;
}

/** Event `i` of a run tagged `tag`: even i a new chat message, odd i a new payment (on synced memberships). */
export function opsEvent(data: FakeCompanyData, tag: string, i: number): OpsEvent {
  const at = new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString();
  const biz = data.company.id;
  if (i % 2 === 0) {
    const m = data.messages[i % data.messages.length]!;
    const objectId = `msg_${tag}_${i}`;
    const envelope = makeEnvelope(
      'chat.message.created',
      { channel: { id: m.channel_id, type: 'chat' }, message: { ...m.message, id: objectId, created_at: at } },
      biz,
      { id: `wh_${tag}_${i}` },
    );
    return { envelope, kind: 'message', objectId };
  }
  const linked = linkedPayments(data);
  const p = linked[i % linked.length]!;
  const objectId = `pay_${tag}_${i}`;
  return {
    envelope: makeEnvelope(
      'payment.succeeded',
      { ...p, id: objectId, created_at: at, updated_at: at, paid_at: at },
      biz,
      { id: `wh_${tag}_${i}` },
    ),
    kind: 'payment',
    objectId,
  };
}

/** One signed request: the body and Standard Webhooks headers (signed now). */
export function signed(
  e: WebhookEnvelope,
  secret = OPS_WEBHOOK_SECRET,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(e);
  return { body, headers: signedHeaders(secret, e.id, Math.floor(Date.now() / 1000), body) };
}

export interface Delivery {
  id: string;
  status: number;
  outcome?: string;
  error?: string;
  sentAt: number;
  ms: number;
}

/**
 * Send `events` at `rate` per second, open loop (each on its schedule whether or not earlier ones were answered),
 * at most `maxInFlight` at once; one result per event, in order.
 */
export async function sendPaced(
  url: string,
  events: WebhookEnvelope[],
  rate: number,
  maxInFlight = 64,
): Promise<Delivery[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const results: Delivery[] = new Array(events.length);
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  for (let i = 0; i < events.length; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (pending.size >= maxInFlight) await Promise.race(pending);
    const e = events[i]!;
    const { body, headers } = signed(e);
    const sentAt = Date.now();
    const p = postRaw(url, body, headers, agent)
      .then(
        (r) => {
          let outcome: string | undefined;
          try {
            outcome = (JSON.parse(r.body) as { outcome?: string }).outcome;
          } catch {
            /* a non-JSON error page */
          }
          results[i] = { id: e.id, status: r.status, outcome, sentAt, ms: r.ms };
        },
        (err: Error & { code?: string }) => {
          results[i] = { id: e.id, status: 0, error: err.code ?? err.message, sentAt, ms: Date.now() - sentAt };
        },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  agent.destroy();
  return results;
}
