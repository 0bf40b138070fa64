// The webhook inbox stays bounded: ignored types are settled at once, failing events are given up after a capped
// number of attempts (retried again only on purpose), a sync replays only its own company's events that can still
// apply (a bounded number per run), and the retention job prunes what can never apply. Signed webhooks through the
// real app; replays through the sync, the function and the CLI as an operator runs it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Membership } from '@whop/sdk/resources/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { NOT_APPLIED } from '../../core/whop/webhook-inbox.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import { WEBHOOK_MAX_ATTEMPTS } from '../../core/whop/webhook-attempts.ts';
import { replayWebhooks } from '../../core/whop/webhook-replay.ts';
import { Migration20261206100000_webhook_inbox_states } from '../../migrations/Migration20261206100000_webhook_inbox_states.ts';
import { buildJobContext } from '../../server/jobs/context.ts';
import { pruneRetention, RETENTION_DAYS } from '../../server/jobs/retention-prune.ts';
import { makeEnvelope, sendWebhook, type WebhookEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { startWebhookApp, type WebhookApp } from './webhook-app.ts';
import { registerCompany, simCompany, whopWorld, type WhopWorld } from './world.ts';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const DAY = 86_400_000;

describe('webhook inbox bounds', () => {
  let w: WhopWorld;
  let app: WebhookApp;
  const biz = () => w.company.whopCompanyId;

  beforeAll(async () => {
    w = await whopWorld({
      seed: 51,
      members: 30,
      others: [simCompany(52, 10, 'biz_inbox_b'), simCompany(53, 10, 'biz_inbox_c')],
    });
    await syncCompany(w.pool, w.api(), w.company, { mode: 'full' });
    app = await startWebhookApp(w.db.url);
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });

  const send = async (e: WebhookEnvelope) => {
    const res = await sendWebhook(app.target, e);
    expect(res.status).toBe(200);
    return JSON.parse(res.body).outcome as string;
  };
  const inbox = async (ids: string[]) =>
    (
      await w.pool.query(
        `select webhook_id, state, attempts, applied_at is not null as applied, error, xmin::text as version from webhook_inbox where webhook_id = any($1) order by id`,
        [ids],
      )
    ).rows;
  /** A membership event of `company` on a plan Whop has but Pulse has not synced: applying it fails (deferred). */
  const onNewPlan = (company: string, planId: string, n = 0): WebhookEnvelope => {
    const base = w.fake.store.company(company).memberships.all()[n]!;
    const m: Membership = {
      ...base,
      id: `mem_${planId}_${n}`,
      plan: { id: planId, metadata: null },
      updated_at: new Date().toISOString(),
    };
    return makeEnvelope('membership.activated', m, company);
  };
  const cliRun = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, ...args],
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: w.db.url,
            PULSE_SECRET: 'cli-test-secret-0123456789abcdef01234',
          },
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  it('an event type Pulse does not apply is stored as ignored at once, and no sync reads it again', async () => {
    const ignored = [
      makeEnvelope('entry.created', { id: 'entry_1' }, biz()),
      makeEnvelope('experience.updated', { id: 'exp_1' }, biz()),
    ];
    for (const e of ignored) expect(await send(e)).toBe('stored');
    const rows = await inbox(ignored.map((e) => e.id));
    expect(rows.map(({ version: _, ...r }) => r)).toEqual(
      ignored.map((e) => ({
        webhook_id: e.id,
        state: 'ignored',
        attempts: 0,
        applied: false,
        error: 'not applied: event type not applied by Pulse',
      })),
    );
    const report = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    expect(report.deferredWebhooks.examined).toBe(0);
    expect(await inbox(ignored.map((e) => e.id))).toEqual(rows);
  });

  it("a sync replays its own company's pending events only: not another company's, not an unknown company's", async () => {
    const b = await registerCompany(w.pool, 'biz_inbox_b');
    const ours = onNewPlan(biz(), 'plan_inbox_new');
    const theirs = onNewPlan('biz_inbox_b', 'plan_inbox_b_new');
    const stranger = makeEnvelope(
      'payment.succeeded',
      { ...w.data.payments[0]!, id: 'pay_inbox_stranger' },
      'biz_inbox_nowhere',
    );
    expect([await send(ours), await send(theirs), await send(stranger)]).toEqual(['deferred', 'deferred', 'stored']);
    const others = await inbox([theirs.id, stranger.id]);
    expect(others.map((r) => [r.state, r.attempts])).toEqual([
      ['failed', 1],
      ['pending', 0],
    ]);

    w.fake.store.company(biz()).plans.put({ ...w.data.plans[0]!, id: 'plan_inbox_new' });
    const report = await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' });
    expect(report.deferredWebhooks).toMatchObject({ examined: 1, applied: 1, failed: 0 });
    expect((await inbox([ours.id]))[0]).toMatchObject({ state: 'applied', attempts: 2, error: null });
    // Neither read for an update nor touched: the same row versions.
    expect(await inbox([theirs.id, stranger.id])).toEqual(others);
    expect(
      (await w.pool.query(`select count(*)::int as n from memberships where company_id = $1`, [b.id])).rows[0].n,
    ).toBe(0);
  });

  it('events of a company not linked yet wait, and are applied after it links, a bounded number per sync', async () => {
    const c = 'biz_inbox_c';
    const early = w.fake.store
      .company(c)
      .memberships.all()
      .slice(0, 5)
      .map((m) => makeEnvelope('membership.activated', m, c));
    for (const e of early) expect(await send(e)).toBe('stored');
    expect((await inbox(early.map((e) => e.id))).map((r) => r.state)).toEqual(Array(5).fill('pending'));
    const company = await registerCompany(w.pool, c);
    const first = await syncCompany(w.pool, w.api(), company, { mode: 'full', webhookReplayLimit: 3 });
    expect(first.deferredWebhooks).toMatchObject({ examined: 3, applied: 3 });
    const second = await syncCompany(w.pool, w.api(), company, { mode: 'incremental', webhookReplayLimit: 3 });
    expect(second.deferredWebhooks).toMatchObject({ examined: 2, applied: 2 });
    expect(
      (await syncCompany(w.pool, w.api(), company, { mode: 'incremental', webhookReplayLimit: 3 })).deferredWebhooks
        .examined,
    ).toBe(0);
    expect((await inbox(early.map((e) => e.id))).map((r) => r.state)).toEqual(Array(5).fill('applied'));
  });

  it(`a failing event is given up after ${WEBHOOK_MAX_ATTEMPTS} attempts; replay retries it only when asked with --dead`, async () => {
    const doomed = onNewPlan(biz(), 'plan_inbox_late', 1);
    expect(await send(doomed)).toBe('deferred');
    const row = async () => (await inbox([doomed.id]))[0]!;
    expect(await row()).toMatchObject({ state: 'failed', attempts: 1 });
    for (let attempt = 2; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const r = await replayWebhooks(w.pool, { companyId: w.company.id, onlyUnapplied: true });
      expect(r).toMatchObject({ examined: 1, failed: 1, dead: attempt === WEBHOOK_MAX_ATTEMPTS ? 1 : 0 });
    }
    const dead = await row();
    expect(dead).toMatchObject({ state: 'dead', attempts: WEBHOOK_MAX_ATTEMPTS, applied: false });
    expect(dead.error).toMatch(/plan_inbox_late.*not synced yet/);

    // Neither a sync nor a plain replay tries it again.
    w.fake.store.company(biz()).plans.put({ ...w.data.plans[0]!, id: 'plan_inbox_late' });
    expect((await syncCompany(w.pool, w.api(), w.company, { mode: 'incremental' })).deferredWebhooks.examined).toBe(0);
    // What `pulse webhooks replay --company …` runs without --dead.
    expect(await replayWebhooks(w.pool, { companyId: w.company.id })).toMatchObject({ failed: 0, dead: 0 });
    expect(await row()).toEqual(dead);

    const asked = await cliRun(['webhooks', 'replay', '--company', biz(), '--dead', '--json']);
    expect(asked.code).toBe(0);
    expect(JSON.parse(asked.stdout)).toMatchObject({ failed: 0 });
    expect(await row()).toMatchObject({
      state: 'applied',
      attempts: WEBHOOK_MAX_ATTEMPTS + 1,
      applied: true,
      error: null,
    });
    const { rows } = await w.pool.query(
      `select count(*)::int as n from memberships where company_id = $1 and whop_id = $2`,
      [w.company.id, `mem_plan_inbox_late_1`],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the migration gives existing rows the state their applied_at, error and attempts meant', async () => {
    const migration = new Migration20261206100000_webhook_inbox_states(null as never, null as never);
    await migration.up();
    const tx = await w.pool.connect();
    try {
      await tx.query('BEGIN');
      await tx.query('alter table webhook_inbox drop column state');
      await tx.query(
        `insert into webhook_inbox (webhook_id, event_type, payload, applied_at, attempts, error) values
        ('m-applied', 'payment.succeeded', '{}', now(), 1, null), ('m-ignored', 'entry.created', '{}', null, 0, $1),
        ('m-unknown-company', 'payment.succeeded', '{}', null, 0, $2), ('m-deferred', 'membership.activated', '{}', null, 3, 'plan not synced yet'),
        ('m-worn-out', 'membership.activated', '{}', null, 8, 'plan not synced yet'), ('m-hand-made', 'payment.succeeded', '{}', null, 0, null)`,
        [NOT_APPLIED.type, NOT_APPLIED.company],
      );
      for (const sql of migration.getQueries()) await tx.query(String(sql));
      const { rows } = await tx.query(
        `select webhook_id, state from webhook_inbox where webhook_id like 'm-%' order by id`,
      );
      expect(rows.map((r) => [r.webhook_id, r.state])).toEqual([
        ['m-applied', 'applied'],
        ['m-ignored', 'ignored'],
        ['m-unknown-company', 'pending'],
        ['m-deferred', 'failed'],
        ['m-worn-out', 'dead'],
        ['m-hand-made', 'pending'],
      ]);
      const {
        rows: [fresh],
      } = await tx.query(
        `insert into webhook_inbox (webhook_id, event_type, payload) values ('m-new', 'x', '{}') returning state`,
      );
      expect(fresh.state).toBe('pending');
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
  });

  it('retention prunes old ignored, dead and never-linked events and old applied ones, and keeps what can still apply', async () => {
    const b = (await w.pool.query(`select id from companies where whop_company_id = 'biz_inbox_b'`)).rows[0]
      .id as string;
    await w.pool.query(`insert into companies (whop_company_id, name) values ('biz_inbox_linked_late', 'late')`);
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    const rows: Array<[string, string | null, string | null, string, number]> = [
      // id, company_id, whop_company_id, state, age in days
      ['p-applied-old', String(w.company.id), biz(), 'applied', RETENTION_DAYS.webhookInbox + 1],
      ['p-applied-recent', String(w.company.id), biz(), 'applied', RETENTION_DAYS.webhookInbox - 1],
      ['p-ignored-old', String(w.company.id), biz(), 'ignored', RETENTION_DAYS.webhookIgnored + 1],
      ['p-ignored-recent', String(w.company.id), biz(), 'ignored', RETENTION_DAYS.webhookIgnored - 1],
      ['p-dead-old', String(w.company.id), biz(), 'dead', RETENTION_DAYS.webhookDead + 1],
      ['p-dead-recent', String(w.company.id), biz(), 'dead', RETENTION_DAYS.webhookDead - 1],
      ['p-orphan-old', null, 'biz_inbox_never', 'pending', RETENTION_DAYS.webhookOrphans + 1],
      ['p-orphan-no-company-old', null, null, 'pending', RETENTION_DAYS.webhookOrphans + 1],
      ['p-orphan-recent', null, 'biz_inbox_never', 'pending', RETENTION_DAYS.webhookOrphans - 1],
      // Its company linked after it arrived: the next sync applies it.
      ['p-linked-late-old', null, 'biz_inbox_linked_late', 'pending', RETENTION_DAYS.webhookOrphans + 1],
      // A linked company's failing event: retried until it is applied or given up.
      ['p-failed-old', b, 'biz_inbox_b', 'failed', RETENTION_DAYS.webhookDead + 1],
    ];
    for (const [id, company, whop, state, days] of rows) {
      await w.pool.query(
        `insert into webhook_inbox (webhook_id, company_id, whop_company_id, event_type, payload, received_at, state, applied_at, attempts)
        values ($1, $2, $3, 'payment.succeeded', '{}', $4, $5, case when $5 = 'applied' then $4::timestamptz end, case when $5 = 'dead' then 8 else 1 end)`,
        [id, company, whop, ago(days), state],
      );
    }
    const ctx = buildJobContext({
      config: loadConfig({ DATABASE_URL: w.db.url, PULSE_SECRET: 's'.repeat(40) }),
      pool: w.pool,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      signal: new AbortController().signal,
      now: () => now,
    });
    expect(await pruneRetention(ctx, now)).toMatchObject({
      webhookInbox: 1,
      webhookIgnored: 1,
      webhookDead: 1,
      webhookOrphans: 2,
    });
    const left = (
      await w.pool.query(`select webhook_id from webhook_inbox where webhook_id like 'p-%' order by webhook_id`)
    ).rows.map((r) => r.webhook_id);
    expect(left).toEqual([
      'p-applied-recent',
      'p-dead-recent',
      'p-failed-old',
      'p-ignored-recent',
      'p-linked-late-old',
      'p-orphan-recent',
    ]);
  });
});
