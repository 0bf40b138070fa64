// `pulse report-link`: the verb's options parsed as server/cli.ts parses them, in a child process on a
// test database; the printed URL opens the link; bad input is one clear line (UsageError).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { openReportLink } from '../../core/reports/report-links.service.ts';
import { makeReportLink } from '../../server/cli/report-link.ts';
import { UsageError } from '../../server/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { fixtures, type CompanyFixture } from '../helpers/fixtures.ts';
import { testPool } from '../revenue/pool.ts';

const secret = 'c'.repeat(40);
const verb = fileURLToPath(new URL('../../server/cli/verbs.ts', import.meta.url));
const run = promisify(execFile);
let db: TestDatabase;
let pool: pg.Pool;
let co: CompanyFixture;
const config = () => loadConfig({ DATABASE_URL: db.url, PULSE_SECRET: secret, PUBLIC_URL: 'https://pulse.example' });

beforeAll(async () => {
  db = await createTestDatabase();
  pool = testPool(db.url);
  co = await fixtures(pool).company({ whopId: 'biz_cli' });
  await co.member({ whopUserId: 'user_cli', name: 'Cli' });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('pulse report-link', () => {
  it('prints only the URL on stdout; the link opens as that company and kind', async () => {
    const script = `import { parseArgs } from 'node:util'; import { verbs } from ${JSON.stringify(verb)};
      const reportLinkVerb = verbs['report-link'];
      import { loadConfig } from ${JSON.stringify(fileURLToPath(new URL('../../core/config.ts', import.meta.url)))};
      const { values } = parseArgs({ args: process.argv.slice(1), options: reportLinkVerb.options, strict: true });
      await (await reportLinkVerb.load())(loadConfig(process.env), values, [], reportLinkVerb);`;
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.url,
      PULSE_SECRET: secret,
      PUBLIC_URL: 'https://pulse.example',
    };
    const { stdout, stderr } = await run(
      process.execPath,
      ['--input-type=module', '-e', script, '--', '--company', 'biz_cli', '--kind', 'churn', '--expires', '30'],
      { env, timeout: 60_000 },
    );
    expect(stdout).toMatch(/^https:\/\/pulse\.example\/r\/[A-Za-z0-9_-]{39}\.[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toMatch(/^expires \d{4}-\d\d-\d\dT.*; link id [0-9a-f-]{36} \(revoke with \/report revoke\)\n$/);
    const opened = await openReportLink({ db: pool, secret, now: () => new Date() }, stdout.trim().split('/r/')[1]!);
    expect(opened).toMatchObject({ companyId: co.id, kind: 'churn', params: {} });
    expect(opened!.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
  });

  it('takes the company by numeric id and a member by Whop user id', async () => {
    const now = new Date('2026-04-01T00:00:00Z');
    const link = await makeReportLink(
      config(),
      { company: String(co.id), kind: 'member', member: 'user_cli', period: 'last_7_days' },
      () => now,
    );
    expect(link.expiresAt).toEqual(new Date('2026-04-08T00:00:00Z'));
    const opened = await openReportLink({ db: pool, secret, now: () => now }, link.url.split('/r/')[1]!);
    expect(opened?.params).toMatchObject({ period: 'last_7_days', memberId: expect.any(Number) });
  });

  it('refuses bad input with one clear line', async () => {
    const bad = (values: Record<string, string>) => makeReportLink(config(), values);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ kind: 'overview' }, /--company <id or biz_ id> is required/],
      [{ company: 'biz_cli' }, /--kind is required/],
      [{ company: 'biz_nope', kind: 'overview' }, /no company "biz_nope"/],
      [{ company: 'biz_cli', kind: 'weather' }, /report kind must be one of/],
      [{ company: 'biz_cli', kind: 'overview', expires: '2w' }, /--expires must be a whole number of days/],
      [{ company: 'biz_cli', kind: 'overview', expires: '120' }, /from 1 to 90/],
      [{ company: 'biz_cli', kind: 'member', member: 'user_ghost' }, /no such member in this company/],
      [{ company: 'biz_cli', kind: 'overview', period: 'ever' }, /period/],
    ];
    for (const [values, message] of cases) {
      const err = await bad(values).catch((e: unknown) => e);
      expect(err, JSON.stringify(values)).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(message);
    }
    expect(
      (await pool.query('select count(*)::int as n from report_links where created_by = $1', ['cli'])).rows[0]!.n,
    ).toBe(2);
  });
});
