// Fault: PostgreSQL (a private cluster, never the shared server) is stopped and started again in the middle of a
// steady webhook load on a real `pulse serve --role web` process. Every webhook answered 2xx is stored and
// applied; every refusal is a 5xx (so Whop retries it); resending everything afterwards applies each refused
// one once and changes nothing the first pass applied; the server then stops within 10 s of SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPrivatePostgres, type PrivatePostgres } from '../private-postgres.ts';
import { startServer, type ServerProcess } from '../server-process.ts';
import { OPS_WEBHOOK_SECRET, opsEvent, prepareWebhookWorld, sendPaced, type WebhookWorld } from '../webhook-world.ts';

const N = 3_000;
const RATE = 300; // per second: a 10-second load
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted during a webhook load', () => {
  let cluster: PrivatePostgres;
  let world: WebhookWorld;
  let server: ServerProcess;
  let pool: pg.Pool;

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    world = await prepareWebhookWorld(cluster.adminUrl, 'pulse_fault_webhooks');
    server = await startServer({
      databaseUrl: world.url,
      role: 'web',
      env: { WHOP_WEBHOOK_SECRET: OPS_WEBHOOK_SECRET },
    });
    pool = new pg.Pool({ connectionString: world.url, max: 2 });
    pool.on('error', () => undefined);
  }, 120_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.stop('SIGKILL');
    await pool?.end();
    await world?.drop().catch(() => undefined);
    await cluster?.destroy();
  });

  const ids = (sql: string) => pool.query<{ id: string }>(sql).then((r) => new Set(r.rows.map((x) => x.id)));
  const versions = (sql: string) =>
    pool.query<{ id: string; v: string }>(sql).then((r) => new Map(r.rows.map((x) => [x.id, x.v])));
  const dataRowsSql = `select external_id as id, xmin::text as v from activity_events where external_id like 'msg\\_pgr\\_%'
    union all select whop_id, xmin::text from payments where whop_id like 'pay\\_pgr\\_%'`;

  it('keeps every 2xx, refuses with 5xx only, applies nothing twice', async () => {
    const events = Array.from({ length: N }, (_, i) => opsEvent(world.data, 'pgr', i));
    const objectOf = new Map(events.map((e) => [e.envelope.id, e.objectId]));
    const target = `${server.url}/webhooks/whop`;
    const sending = sendPaced(
      target,
      events.map((e) => e.envelope),
      RATE,
    );

    await sleep(3_000);
    const readiness: number[] = [];
    let restarted = false;
    const restart = cluster.restart(1_500).then(() => {
      restarted = true;
    });
    while (!restarted) {
      readiness.push((await fetch(`${server.url}/readyz`)).status);
      await sleep(200);
    }
    await restart;
    const first = await sending;

    // The server answered every request (it never died) with 200 or a 5xx.
    expect(first.filter((r) => r.status === 0)).toEqual([]);
    expect(first.filter((r) => r.status !== 200 && r.status < 500)).toEqual([]);
    const accepted = first.filter((r) => r.status === 200);
    const refused = first.filter((r) => r.status >= 500);
    expect(refused.length).toBeGreaterThan(0); // the restart did hit the load
    expect(accepted.length).toBeGreaterThan(N / 2);
    console.log(
      `pg restart: ${accepted.length} accepted, ${refused.length} refused (${[...new Set(refused.map((r) => r.status))].join(', ')}), readiness ${[...new Set(readiness)].join('/')}`,
    );
    expect(first.slice(-300).every((r) => r.status === 200)).toBe(true); // and the server recovered by itself
    expect(readiness).toContain(503);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // Every 2xx is stored and applied; the data rows are exactly those of the stored events.
    const stored = await ids(
      `select webhook_id as id from webhook_inbox where webhook_id like 'wh\\_pgr\\_%' and applied_at is not null`,
    );
    expect(accepted.filter((r) => !stored.has(r.id))).toEqual([]);
    const before = await versions(dataRowsSql);
    expect(new Set(before.keys())).toEqual(new Set([...stored].map((id) => objectOf.get(id))));

    // Whop retries what was refused (here: everything again). Each is applied once; the rest are duplicates.
    const second = await sendPaced(
      target,
      events.map((e) => e.envelope),
      1_000,
    );
    expect(second.filter((r) => r.status !== 200)).toEqual([]);
    expect(second.filter((r) => stored.has(r.id)).every((r) => r.outcome === 'duplicate')).toBe(true);
    expect(second.filter((r) => !stored.has(r.id)).every((r) => r.outcome === 'applied')).toBe(true);
    const {
      rows: [inbox],
    } = await pool.query<{ n: string; applied_once: string }>(
      `select count(*) as n, count(*) filter (where applied_at is not null and attempts = 1) as applied_once from webhook_inbox where webhook_id like 'wh\\_pgr\\_%'`,
    );
    expect(inbox).toEqual({ n: String(N), applied_once: String(N) });
    const after = await versions(dataRowsSql);
    expect(after.size).toBe(N);
    expect(new Set(after.keys())).toEqual(new Set(events.map((e) => e.objectId)));
    for (const [id, v] of before) expect(after.get(id), id).toBe(v);

    const { code, ms } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
