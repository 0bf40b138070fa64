// Backfill bench: a full sync of a simulated community from the fake Whop (no added latency, loopback HTTP,
// the official SDK) into a freshly migrated database. Records sync.objects_per_s (Whop objects fetched and
// written per second of the sync) after checking the tables hold exactly the fake's data.
// Run alone: node test/bench/sync.ts [members]
import { loadavg } from 'node:os';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { dropDatabase } from '../helpers/test-databases.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { materialize } from '../../demo/sim/index.ts';
import { createWhopClient, WhopApi } from '../../core/whop/client.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop } from '../../demo/fake-whop/server.ts';
import { actualFigures, expectedFigures } from '../whop/expected.ts';
import { record, type Figure } from './record.ts';

/** Fewer activity events per member than the default (12) keep 100k members' objects within the heap. */
const ACTIVITY_PER_MEMBER_MONTH = 3;

export async function benchSync(adminUrl: string, members = 100_000): Promise<Figure[]> {
  const name = `pulse_bench_sync_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  const url = withDatabaseName(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on('error', () => undefined);
  let closeFake = async () => undefined as void;
  try {
    await migrateUp(url);
    const genStart = performance.now();
    const data = companyFromSim(
      materialize({
        seed: 2026,
        members,
        months: 12,
        endDate: '2026-11-01T00:00:00Z',
        activityPerMemberPerMonth: ACTIVITY_PER_MEMBER_MONTH,
      }),
    );
    const genSeconds = (performance.now() - genStart) / 1000;
    const fake = await startFakeWhop({ dataset: { companies: [data] } });
    closeFake = fake.close;
    const { rows } = await pool.query<{ id: string }>(
      'insert into companies (whop_company_id, name) values ($1, $2) returning id',
      [data.company.id, data.company.title],
    );
    const company = { id: Number(rows[0]!.id), whopCompanyId: data.company.id };
    const api = new WhopApi(createWhopClient({ apiKey: defaultFakeApiKey, baseURL: fake.url }));
    const load = loadavg()[0]!;
    const report = await syncCompany(pool, api, company, { mode: 'full', concurrency: 4 });
    const expected = expectedFigures(data);
    const actual = await actualFigures(pool, company.id);
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      throw new Error(`sync bench: tables differ from the fake: ${JSON.stringify({ expected, actual })}`);
    const again = await syncCompany(
      pool,
      new WhopApi(createWhopClient({ apiKey: defaultFakeApiKey, baseURL: fake.url })),
      company,
      { mode: 'incremental' },
    );
    const seconds = report.ms / 1000;
    const perSecond = report.totals.fetched / seconds;
    const figures: Figure[] = [
      { name: 'sync.objects_per_s', value: perSecond, unit: 'objects/s', n: report.totals.fetched },
    ];
    const fmt = (n: number) => n.toLocaleString('en-US');
    record(
      'sync',
      figures,
      [
        `Full backfill of one simulated company (${fmt(members)} members, 12 months, ${ACTIVITY_PER_MEMBER_MONTH} activity events per member-month)`,
        'from the fake Whop on loopback (no added latency) through `@whop/sdk`, pages of 100, 4 requests in flight, into a',
        'freshly migrated database (every index and foreign key in place). Fake, sync and PostgreSQL share the 2 cores.',
        'The tables were checked equal to the fake (counts and money sums per table) before recording.',
        `Load average when the sync started: ${load.toFixed(1)} (other work on the machine).`,
        '',
        '| figure | value |',
        '|---|---:|',
        `| objects fetched and written | ${fmt(report.totals.fetched)} (${fmt(report.totals.inserted)} rows inserted) |`,
        `| requests | ${fmt(report.requests)} |`,
        `| backfill time | ${seconds.toFixed(1)} s |`,
        `| throughput | ${fmt(Math.round(perSecond))} objects/s |`,
        `| members / memberships / payments / activity events | ${fmt(expected.members)} / ${fmt(expected.memberships)} / ${fmt(expected.payments)} / ${fmt(expected.messages + expected.forumPosts + expected.lessonViews + expected.lessonCompletes)} |`,
        `| incremental re-sync right after | ${(again.ms / 1000).toFixed(1)} s, ${fmt(again.requests)} requests, ${again.totals.inserted + again.totals.updated} rows written |`,
        `| simulator generation (not in the figure) | ${genSeconds.toFixed(1)} s |`,
      ].join('\n'),
    );
    return figures;
  } finally {
    await closeFake();
    await pool.end();
    await dropDatabase(admin, name);
    await admin.end();
  }
}

if (import.meta.main) {
  const members = process.argv[2] ? Number(process.argv[2]) : undefined;
  const figures = await benchSync(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', members);
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(1)} ${f.unit}`);
}
