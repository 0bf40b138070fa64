// `/pulse status` is for anyone granted Pulse (not only admins): failed and retrying deliveries show what kind
// of failure it was and a reference to the ledger row, never the stored error itself — which may hold SQL, a
// database address or a platform's internal message. The full text stays in the deliveries row (and the log).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../../bot/deliverer.ts';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { answerMessage } from '../../bot/discord/render/message.ts';
import { renderSlackMessage } from '../../bot/slack/render/message.ts';
import { loadConfig } from '../../core/config.ts';
import { attemptDelivery, claimDeliveries, type DeliveryClaim } from '../../core/delivery/index.ts';
import { linkWorkspace, updateWorkspaceSettings, type Actor } from '../../core/tenancy/index.ts';
import { classifyDeliveryError } from '../../server/jobs/delivery-runner.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const GUILD = '851000000000000001';
const ROLE = '951000000000000001';
const LEASE = 60_000;
/** What the ledger may hold: a driver error quoting SQL and the database's address. */
const SQL_ERROR =
  'error: duplicate key value violates unique constraint "members_pkey" (insert into members (id, email) values (7, \'ann@example.com\')) at 10.20.30.40:5432';
/** DiscordDeliverer's transient failure: the platform client could not connect. */
const NETWORK_ERROR = 'Discord post failed, will retry: connect ECONNREFUSED 10.9.8.7:443';

describe('/pulse status: delivery failures as categories with a reference', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let deps: BotDeps;
  let companyId: number;
  const ids: Record<'gone' | 'crashed' | 'offline', number> = { gone: 0, crashed: 0, offline: 0 };

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    companyId = (await fixtures(pool).company({ name: 'Status Co', tier: 'pro' })).id;
    const link = await linkWorkspace(pool, {
      platform: 'discord',
      externalId: GUILD,
      companyId,
      linkedBy: 'discord:owner',
    });
    await updateWorkspaceSettings(pool, companyId, link.id, { allowedRoleIds: [ROLE] });
    const config = loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: 'status-test-secret-0123456789abcdef0123' });
    deps = {
      config,
      db: pool,
      now: () => NOW,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    const claim = (channelId: string): DeliveryClaim => ({
      companyId,
      workspaceLinkId: link.id,
      kind: 'daily_digest',
      period: '2026-11-26',
      platform: 'discord',
      channelId,
    });
    const [gone, crashed, offline] = await claimDeliveries(
      pool,
      [claim('751000000000000001'), claim('751000000000000002'), claim('751000000000000003')],
      { now: NOW, leaseMs: LEASE },
    );
    const attempt = (d: typeof gone, err: Error, maxAttempts = 8) =>
      attemptDelivery(
        pool,
        d!,
        async () => {
          throw err;
        },
        {
          now: () => NOW,
          leaseMs: LEASE,
          classify: classifyDeliveryError,
          policy: { firstDelayMs: 30_000, maxDelayMs: 60_000, maxAttempts },
        },
      );
    await attempt(
      gone,
      new PermanentDeliveryError('Discord refused the post: Unknown Channel (404, code 10003)', 'discord_10003'),
    );
    // Retries used up on an internal error: failed for good, the error text kept in the row.
    await attempt(crashed, new Error(SQL_ERROR), 1);
    await attempt(offline, new Error(NETWORK_ERROR));
    Object.assign(ids, { gone: gone!.id, crashed: crashed!.id, offline: offline!.id });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('keeps the whole error in the ledger', async () => {
    const { rows } = await pool.query<{ id: string; error: string }>(
      'select id, error from deliveries where company_id = $1 order by id',
      [companyId],
    );
    expect(rows.find((r) => Number(r.id) === ids.crashed)?.error).toContain('10.20.30.40:5432');
  });

  it("shows a granted member categories and references, never SQL, addresses or the platform's message", async () => {
    const moderator: Actor = { platform: 'discord', userId: 'u-mod', isAdmin: false, roleIds: [ROLE] };
    const a = await runCommand(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      actor: moderator,
      channelId: '751000000000000009',
      name: 'pulse status',
      options: {},
    });
    const failed = a.fields.find((f) => f.label === 'Failed deliveries (14 days)')?.value ?? '';
    const retrying = a.fields.find((f) => f.label === 'Retrying')?.value ?? '';
    expect(failed).toContain(`channel not found (ref d${ids.gone})`);
    expect(failed).toContain(`internal error (ref d${ids.crashed})`);
    expect(retrying).toContain(`Discord unreachable (ref d${ids.offline})`);
    const rendered = [
      JSON.stringify(a),
      JSON.stringify(answerMessage(a).body),
      JSON.stringify(renderSlackMessage(a)),
    ].join('\n');
    for (const secret of [
      '10.20.30.40',
      '5432',
      'members_pkey',
      'insert into',
      'ann@example.com',
      '10.9.8.7',
      'ECONNREFUSED',
      'Unknown Channel',
      'code 10003',
    ]) {
      expect(rendered, secret).not.toContain(secret);
    }
  });
});
