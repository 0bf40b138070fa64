// Fuzz bench: how long the public endpoints take to answer hostile input. 2,000 requests per endpoint, drawn
// from the fuzz suites' generators (test/fuzz/: garbled signatures, correctly signed garbage, platform-shaped
// payloads with random fields; report tokens forged, re-signed and live with random suffixes), sent one after
// another through `inject` into the real app on a fresh database, after 50 warm-up requests. Records
// fuzz.<endpoint>.median_ms, .p99_ms, .max_ms and fuzz.server_errors (answers >= 500, expected 0).
// Run alone: node test/bench/fuzz.ts [requests per endpoint]
import fc from 'fast-check';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { createReportLinks } from '../../core/reports/report-links.service.ts';
import { linkForTest } from '../helpers/chat-links.ts';
import { dropDatabase } from '../helpers/test-databases.ts';
import { asOf, buildReportFixture } from '../reports/report-fixture.ts';
import {
  garbledDiscord,
  INTERACTIONS_URL,
  EVENTS_URL,
  signedDiscordBytes,
  signedInteractions,
  signedWebhookEvents,
} from '../fuzz/discord-requests.ts';
import { FUZZ_PULSE_SECRET, startFuzzApp, type FuzzApp, type FuzzRequest } from '../fuzz/fuzz-app.ts';
import { forgedReportLinks, fromNewClient, realReportLinks, resignedReportLinks } from '../fuzz/report-requests.ts';
import { fuzzSettings } from '../fuzz/settings.ts';
import { garbledSlack, signedSlackBytes, signedSlackShapes } from '../fuzz/slack-requests.ts';
import { garbledWhop, signedWhopBytes, signedWhopEnvelopes } from '../fuzz/whop-requests.ts';
import { percentile, record, type Figure } from './record.ts';

const WARMUP = 50;
const GUILD = '812345678901234567';
const TEAM = 'TFUZZ0001';

interface Endpoint {
  name: string;
  label: string;
  requests: fc.Arbitrary<FuzzRequest>;
}

interface Measured {
  name: string;
  label: string;
  n: number;
  median: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<number, number>;
}

async function endpoints(fz: FuzzApp): Promise<Endpoint[]> {
  const s = fz.secrets;
  const f = await buildReportFixture(fz.pool);
  await linkForTest(fz.pool, 'discord', GUILD, f.co.id);
  await linkForTest(fz.pool, 'slack', TEAM, f.co.id);
  const links = createReportLinks({
    db: fz.pool,
    secret: FUZZ_PULSE_SECRET,
    publicUrl: 'http://pulse.fuzz',
    now: () => asOf,
  });
  const live = await links.create({ companyId: f.co.id, kind: 'overview', createdBy: 'bench' });
  const token = new URL(live.url).pathname.slice(3);
  // Whop's events go to a company of their own: a random uninstall of the report company would close its links.
  const whopCompany = 'biz_fuzzbenchwhop01';
  await fz.pool.query(`insert into companies (whop_company_id, name, tier) values ($1, 'Fuzz Whop Co', 'pro')`, [
    whopCompany,
  ]);
  const liveLink = { tokenId: live.tokenId, companyId: f.co.id, kind: 'overview' as const };
  return [
    {
      name: 'whop_webhooks',
      label: 'POST /webhooks/whop',
      requests: fc.oneof(garbledWhop(s), signedWhopBytes(s), signedWhopEnvelopes(s, [whopCompany])),
    },
    {
      name: 'discord_interactions',
      label: 'POST /discord/interactions',
      requests: fc.oneof(
        garbledDiscord(s, INTERACTIONS_URL),
        signedDiscordBytes(s, INTERACTIONS_URL),
        signedInteractions(s, [GUILD]),
      ),
    },
    {
      name: 'discord_events',
      label: 'POST /discord/events',
      requests: fc.oneof(garbledDiscord(s, EVENTS_URL), signedDiscordBytes(s, EVENTS_URL), signedWebhookEvents(s)),
    },
    {
      name: 'slack_events',
      label: 'POST /slack/events',
      requests: fc.oneof(garbledSlack(s), signedSlackBytes(s), signedSlackShapes(s, [TEAM])),
    },
    {
      name: 'report_pages',
      label: 'GET /r/:token (page, .csv, .json, charts)',
      requests: fc
        .oneof(
          forgedReportLinks([token]),
          resignedReportLinks(FUZZ_PULSE_SECRET, [liveLink], [f.other.id], asOf),
          realReportLinks([token]),
        )
        .map((r) => fromNewClient(r)),
    },
  ];
}

async function measure(fz: FuzzApp, e: Endpoint, n: number, seed: number): Promise<Measured> {
  for (const req of fc.sample(e.requests, { seed: seed + 1, numRuns: WARMUP })) await fz.send(req);
  // Generated (and signed) before the clock starts: the figures are the app's answer times alone.
  const requests = fc.sample(e.requests, { seed, numRuns: n });
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  for (const req of requests) {
    const t0 = performance.now();
    const { status } = await fz.send(req);
    ms.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  ms.sort((a, b) => a - b);
  const errors = Object.entries(statuses)
    .filter(([st]) => Number(st) >= 500)
    .reduce((sum, [, c]) => sum + c, 0);
  return {
    name: e.name,
    label: e.label,
    n,
    median: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms.at(-1)!,
    errors,
    statuses,
  };
}

export async function benchFuzz(adminUrl: string, n = 2000): Promise<Figure[]> {
  const { seed } = fuzzSettings();
  const name = `pulse_bench_fuzz_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  const url = withDatabaseName(adminUrl, name);
  let fz: FuzzApp | undefined;
  try {
    await migrateUp(url);
    fz = await startFuzzApp(url, { now: () => asOf });
    const measured: Measured[] = [];
    for (const e of await endpoints(fz)) {
      const m = await measure(fz, e, n, seed);
      console.log(
        `${m.name}: median ${m.median.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, max ${m.max.toFixed(1)} ms, 5xx ${m.errors}`,
      );
      measured.push(m);
    }
    const figures: Figure[] = measured.flatMap((m) => [
      { name: `fuzz.${m.name}.median_ms`, value: m.median, unit: 'ms', n: m.n },
      { name: `fuzz.${m.name}.p99_ms`, value: m.p99, unit: 'ms', n: m.n },
      { name: `fuzz.${m.name}.max_ms`, value: m.max, unit: 'ms', n: m.n },
    ]);
    figures.push({
      name: 'fuzz.server_errors',
      value: measured.reduce((s, m) => s + m.errors, 0),
      unit: 'answers',
      n: n * measured.length,
    });
    record(
      'fuzz',
      figures,
      [
        `${n.toLocaleString('en-US')} requests per endpoint from the fuzz suites' generators (\`test/fuzz/\`, seed ${seed}): about a third each`,
        'garbled signatures, correctly signed garbage, and signed platform-shaped payloads with random fields (report pages:',
        'forged, re-signed and live tokens with random suffixes, queries and headers). Sent one after another through `inject`',
        'into the real app (`buildApp`, logging at warn) on a fresh database holding the report fixture, a linked Discord',
        `server and Slack workspace; ${WARMUP} warm-up requests per endpoint; generation and signing happen before the clock starts.`,
        'A signed interaction or slash command that runs a command is timed to its first answer; its follow-up runs after.',
        '',
        '| endpoint | median ms | p99 ms | max ms | 5xx | answers |',
        '|---|---:|---:|---:|---:|---|',
        ...measured.map(
          (m) =>
            `| ${m.label} | ${m.median.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.max.toFixed(1)} | ${m.errors} | ${Object.entries(
              m.statuses,
            )
              .map(([st, c]) => `${st}: ${c}`)
              .join(', ')} |`,
        ),
      ].join('\n'),
    );
    return figures;
  } finally {
    await fz?.close();
    await dropDatabase(admin, name);
    await admin.end();
  }
}

if (import.meta.main) {
  const n = process.argv[2] ? Number(process.argv[2]) : 2000;
  if (!Number.isInteger(n) || n < 1) {
    console.error('usage: node test/bench/fuzz.ts [requests per endpoint]');
    process.exit(2);
  }
  const figures = await benchFuzz(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', n);
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(2)} ${f.unit}`);
}
