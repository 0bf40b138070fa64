// `/pulse erase` in chat: admins only; without the company's exact name it explains and changes nothing; with it
// (any case or spacing) the erase is scheduled after the grace period and the workspace stops answering at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runCommand } from '../../bot/interactions/dispatch.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { loadConfig } from '../../core/config.ts';
import { linkWorkspace, updateWorkspaceSettings, type Actor } from '../../core/tenancy/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { silentLog } from './app-world.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const GUILD = '856000000000000001';
const ROLE = '956000000000000001';
const admin: Actor = { platform: 'discord', userId: '111000000000000007', isAdmin: true, roleIds: [] };
const moderator: Actor = { platform: 'discord', userId: '111000000000000008', isAdmin: false, roleIds: [ROLE] };

describe('/pulse erase', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let deps: BotDeps;
  let companyId: number;
  const erase = (actor: Actor, confirm?: string) =>
    runCommand(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      actor,
      channelId: null,
      name: 'pulse erase',
      options: confirm === undefined ? {} : { confirm },
    });
  const eraseAfter = async () =>
    (await pool.query<{ erase_after: Date | null }>('select erase_after from companies where id = $1', [companyId]))
      .rows[0]!.erase_after;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 3 });
    pool.on('error', () => undefined);
    companyId = (await fixtures(pool).company({ name: 'Acme *Academy*', whopId: 'biz_erasecmd' })).id;
    const link = await linkWorkspace(pool, {
      platform: 'discord',
      externalId: GUILD,
      companyId,
      linkedBy: 'discord:owner',
    });
    await updateWorkspaceSettings(pool, companyId, link.id, { allowedRoleIds: [ROLE] });
    deps = {
      config: loadConfig({
        DATABASE_URL: db.url,
        PULSE_SECRET: 'erase-cmd-secret-0123456789abcdef012345',
        ERASE_GRACE_DAYS: '7',
      }),
      db: pool,
      now: () => NOW,
      log: silentLog,
    };
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('is refused to people who are not admins', async () => {
    const a = await erase(moderator, 'Acme *Academy*');
    expect(a.title).toBe('Pulse is for the team');
    expect(await eraseAfter()).toBeNull();
  });

  it('explains and changes nothing without the exact company name', async () => {
    const asked = await erase(admin);
    expect(asked.title).toBe('Erase this company from Pulse?');
    expect(asked.summary).toContain(
      'run `/pulse erase confirm:<company name>` with the name exactly as Whop shows it: **Acme \\*Academy\\***',
    );
    const wrong = await erase(admin, 'Acme');
    expect(wrong.summary).toMatch(/^That is not this company's name, so nothing was changed\./);
    expect(await eraseAfter()).toBeNull();
  });

  it('schedules the erase after the grace period and stops answering at once', async () => {
    const done = await erase(admin, '  acme   *ACADEMY* ');
    expect(done.title).toBe('Erase scheduled');
    expect((await eraseAfter())?.toISOString()).toBe('2026-12-03T12:00:00.000Z');
    const after = await runCommand(deps, {
      platform: 'discord',
      workspaceId: GUILD,
      actor: admin,
      channelId: null,
      name: 'revenue',
      options: {},
    });
    expect(after.summary).toMatch(
      /^An admin asked Pulse to erase this company's data, so Pulse has stopped posting and answering here\. Its data is deleted on 2026-12-03/,
    );
  });
});
