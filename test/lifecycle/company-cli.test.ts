// The operator's `pulse company …` and `pulse member erase` verbs as run from a shell: a child process on the real
// database and the fake Whop. A key comes only from stdin, is proven against Whop (members, memberships and
// payments reads) before anything is stored, and never appears in the output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentials } from '../../core/whop/credentials.ts';
import { defaultFakeApiKey } from '../../demo/fake-whop/server.ts';
import { emptyCompany } from '../../demo/fake-whop/dataset.ts';
import { fixtures } from '../helpers/fixtures.ts';
import { appWorld, companyRow, type AppWorld } from './app-world.ts';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const SECRET = 'cli-lifecycle-secret-0123456789abcdef0123';
const GOOD_KEY = 'co_key_cli01_0123456789abcdef';

// Each run starts a Node process that loads every verb: seconds each on a busy machine.
describe('pulse company / pulse member', { timeout: 240_000 }, () => {
  let w: AppWorld;
  const run = (args: string[], stdin = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: w.db.url,
          PULSE_SECRET: SECRET,
          WHOP_API_KEY: defaultFakeApiKey,
          WHOP_API_BASE_URL: w.fake.url,
          ERASE_GRACE_DAYS: '7',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(stdin);
    });

  beforeAll(async () => {
    w = await appWorld({
      companies: [emptyCompany('biz_cli01', 'CLI Co')],
      apiKeys: { [defaultFakeApiKey]: '*', [GOOD_KEY]: 'biz_cli01' },
    });
  });
  afterAll(() => w?.close());

  it('add --key-stdin stores nothing for a key Whop refuses or that cannot read payments', async () => {
    const rejected = await run(['company', 'add', '--whop', 'biz_cli01', '--key-stdin'], 'wrong_key_0123456789');
    expect(rejected).toMatchObject({
      code: 2,
      stderr: 'pulse: company: Whop did not accept the key (HTTP 401); nothing was stored\n',
    });
    w.fake.app.refuse('/payments', 'biz_cli01');
    const scoped = await run(['company', 'add', '--whop', 'biz_cli01', '--key-stdin'], `${GOOD_KEY}\n`);
    w.fake.app.refusals.clear();
    expect(scoped).toMatchObject({
      code: 2,
      stderr: 'pulse: company: the key cannot read payments of biz_cli01 (HTTP 403); nothing was stored\n',
    });
    expect(await companyRow(w.pool, 'biz_cli01')).toBeUndefined();
  });

  it('add --key-stdin checks the key, stores it sealed and queues the first sync', async () => {
    const r = await run(['company', 'add', '--whop', 'biz_cli01', '--name', 'CLI Co', '--key-stdin'], `${GOOD_KEY}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const row = (await companyRow(w.pool, 'biz_cli01'))!;
    expect(r.stdout).toBe(
      `added CLI Co (biz_cli01, id ${row.id}); key checked (members, memberships, payments) and stored encrypted; first sync queued\n`,
    );
    expect(r.stdout + r.stderr).not.toContain(GOOD_KEY);
    const sealed = row.credentials_enc as Buffer;
    expect(sealed.includes(Buffer.from(GOOD_KEY))).toBe(false);
    expect(openCredentials(SECRET, 'biz_cli01', sealed).apiKey).toBe(GOOD_KEY);
    const jobs = await w.pool.query(`select name from agenda_jobs where data->>'companyId' = $1`, [String(row.id)]);
    expect(jobs.rows).toEqual([{ name: 'whop:sync-company' }]);
  });

  it('lists every company with its tier, workspaces, last sync and state', async () => {
    const waiting = await fixtures(w.pool).company({ whopId: 'biz_cli02', name: 'Waiting Co', tier: 'pro' });
    await w.pool.query(
      `update companies set needs_reapproval_at = '2026-11-20T08:00:00Z', needs_reapproval_reason = 'insufficient_scope' where id = $1`,
      [waiting.id],
    );
    const gone = await fixtures(w.pool).company({ whopId: 'biz_cli03', name: 'Gone Co', tier: 'free' });
    await w.pool.query(
      `update companies set uninstalled_at = '2026-11-21T00:00:00Z', erase_requested_at = '2026-11-21T00:00:00Z', erase_after = '2026-11-28T00:00:00Z' where id = $1`,
      [gone.id],
    );
    await w.pool.query(
      `insert into workspace_links (company_id, platform, external_id, linked_by) values ($1, 'slack', 'T0CLI0001', 'cli')`,
      [waiting.id],
    );
    await w.pool.query(
      `insert into sync_state (company_id, resource, status, started_at, finished_at, counts) values ($1, 'members', 'done', '2026-11-20T07:00:00Z', '2026-11-20T07:05:00Z', '{}')`,
      [waiting.id],
    );
    const r = await run(['company', 'list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(list.map((c) => [c.whopCompanyId, c.tier, c.workspaces, c.lastSyncAt, c.stateText])).toEqual([
      ['biz_cli01', 'free', [], null, 'active'],
      [
        'biz_cli02',
        'pro',
        ['slack:T0CLI0001'],
        '2026-11-20T07:05:00.000Z',
        'needs re-approval since 2026-11-20T08:00:00Z',
      ],
      ['biz_cli03', 'free', [], null, 'uninstalled; erase pending at 2026-11-28T00:00:00Z'],
    ]);
    const resumed = await run(['company', 'resume', 'biz_cli02']);
    expect(resumed.stdout).toBe(`Waiting Co (id ${waiting.id}): re-approval cleared; the next scheduled sync runs\n`);
    expect((await companyRow(w.pool, 'biz_cli02'))!.needs_reapproval_at).toBeNull();
  });

  it('sets a tier, erases a member, and erases a company later, not at all, or now', async () => {
    const id = String((await companyRow(w.pool, 'biz_cli01'))!.id);
    expect((await run(['company', 'tier', id, 'enterprise'])).code).toBe(0);
    expect((await companyRow(w.pool, 'biz_cli01'))!.tier).toBe('enterprise');
    await w.pool.query(`insert into members (company_id, whop_user_id, name) values ($1, 'user_clierase1', 'Erin')`, [
      id,
    ]);
    const erased = await run(['member', 'erase', '--company', 'biz_cli01', '--user', 'user_clierase1']);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(
      /^erased member user_clierase1 of CLI Co \(id \d+\): 1 row\(s\) deleted or unlinked \(members 1\)\n$/,
    );
    const later = await run(['company', 'erase', id]);
    expect(later.stdout).toMatch(
      /^erase of CLI Co \(id \d+\) pending at 20\d\d-\d\d-\d\dT[\d:.]+Z; posting and syncing stopped\n$/,
    );
    const table = (await run(['company', 'list'])).stdout;
    expect(table.split('\n')[0]).toMatch(/^id\s+whop id\s+name\s+tier\s+workspaces\s+last sync\s+state$/);
    expect(table).toMatch(/CLI Co .* erase pending at 20/);
    expect(table).toContain('uninstalled; erase pending at 2026-11-28T00:00:00Z');
    expect((await run(['company', 'erase', id, '--cancel'])).code).toBe(0);
    expect((await companyRow(w.pool, 'biz_cli01'))!.erase_after).toBeNull();
    const now = await run(['company', 'erase', id, '--now']);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(
      /^erased CLI Co \(id \d+\): \d+ row\(s\) from \d+ table\(s\), then the company itself\n$/,
    );
    expect(await companyRow(w.pool, 'biz_cli01')).toBeUndefined();
  });
});
