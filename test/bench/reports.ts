// Report pages on the 100k-member database (pulse_bench_100k): the real app (buildApp) on a loopback port,
// a plain HTTP client measuring time to first byte of the HTML and the full load (HTML, then its chart
// images 6 at a time, as a browser fetches them), and the bytes of the whole page (HTML + light images).
// "Cold": every run is a new link, so nothing is cached (the report is computed, the charts rendered);
// "cached": the same link again within the minute the app reuses report data. Each page load comes from
// its own client address (X-Forwarded-For), as many viewers would, so the per-IP rate limit stays out of it. The company is read at the
// pro tier for the run (the simulated one is free, which would cut the period to 7 days) and put back after.
// Run alone: node test/bench/reports.ts   (REPORTS_BENCH_MEMBERS=2000 checks it on a small database, no record)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { REQUEST_POOL_MAX } from '../../server/main.ts';
import { createReportLinks } from '../../core/reports/report-links.service.ts';
import type { ReportKind } from '../../core/reports/kinds.ts';
import { buildApp } from '../../server/app.ts';
import { prepareReportData, smallBenchDatabase } from '../reports/bench-prepare.ts';
import { benchSim, ensureBenchDatabase } from './bench-database.ts';
import { record, stats, type Figure } from './record.ts';

const WARMUP = 2;
const RUNS = 20;
const KIND_RUNS = 5;
const asOf = new Date(benchSim.endDate);
const period = 'last_30_days';
const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });

function get(url: string, client: string): Promise<{ status: number; ttfbMs: number; ms: number; body: Buffer }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'x-forwarded-for': client } }, (res) => {
        const ttfbMs = performance.now() - t0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ttfbMs, ms: performance.now() - t0, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

interface Load {
  ttfbMs: number;
  fullMs: number;
  htmlBytes: number;
  imageBytes: number;
  images: number;
}

let viewers = 0;

/** The page, then every <img> it names, 6 at a time; each load from another viewer (the app trusts the proxy header). */
async function loadPage(origin: string, path: string): Promise<Load> {
  const n = ++viewers;
  const client = `10.9.${(n >> 8) & 255}.${n & 255}`;
  const t0 = performance.now();
  const page = await get(`${origin}${path}?period=${period}`, client);
  if (page.status !== 200) throw new Error(`report page answered ${page.status}`);
  const srcs = [...page.body.toString('utf8').matchAll(/<img src="([^"]+)"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  );
  const images = await Promise.all(srcs.map((src) => get(`${origin}${src}`, client)));
  if (images.some((i) => i.status !== 200)) throw new Error('a chart image failed');
  return {
    ttfbMs: page.ttfbMs,
    fullMs: performance.now() - t0,
    htmlBytes: page.body.length,
    imageBytes: images.reduce((s, i) => s + i.body.length, 0),
    images: images.length,
  };
}

export async function benchReports(
  url: string,
  companyId: number,
  log: (line: string) => void = console.log,
): Promise<{ figures: Figure[]; markdown: string }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const tier = (await pool.query<{ tier: string }>('select tier from companies where id = $1', [companyId])).rows[0]!
    .tier;
  await pool.query("update companies set tier = 'pro' where id = $1", [companyId]);
  const requests = openPool(url, { max: REQUEST_POOL_MAX, timeouts: 'request' });
  const secret = 'b'.repeat(48);
  const app = await buildApp({
    // Each load comes from its own viewer (x-forwarded-for), as behind the proxy production has: one address would
    // meet the report pages' per-address limit (120 a minute) within the first runs.
    config: loadConfig({ DATABASE_URL: url, PULSE_SECRET: secret, LOG_LEVEL: 'silent', TRUST_PROXY: 'true' }),
    db: requests,
    logger: false,
    now: () => asOf,
  });
  try {
    log('preparing rollups and churn scores (only what is missing)');
    await prepareReportData(pool, companyId, asOf, log);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const links = createReportLinks({ db: pool, secret, publicUrl: origin, now: () => asOf });
    const member = (
      await pool.query<{ member_id: string }>(
        'select member_id from churn_predictions where company_id = $1 and scored_at <= $2 order by scored_at desc, probability desc limit 1',
        [companyId, asOf],
      )
    ).rows[0]?.member_id;
    const newLink = async (kind: ReportKind) =>
      new URL(
        (
          await links.create({
            companyId,
            kind,
            createdBy: 'bench',
            params: kind === 'member' ? { memberId: Number(member) } : {},
          })
        ).url,
      ).pathname;
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < WARMUP; i++) await loadPage(origin, await newLink('overview'));
    const cold: Load[] = [];
    for (let i = 0; i < RUNS; i++) cold.push(await loadPage(origin, await newLink('overview')));
    const cachedPath = await newLink('overview');
    await loadPage(origin, cachedPath);
    const cached: Load[] = [];
    for (let i = 0; i < RUNS; i++) cached.push(await loadPage(origin, cachedPath));
    const kinds: Array<[ReportKind, Load[]]> = [];
    for (const kind of ['overview', 'revenue', 'engagement', 'churn', 'content', 'member'] as const) {
      if (kind === 'member' && member === undefined) continue;
      const runs: Load[] = [];
      for (let i = 0; i < KIND_RUNS; i++) runs.push(await loadPage(origin, await newLink(kind)));
      kinds.push([kind, runs]);
    }
    const loadAfter = loadavg()[0]!;
    const members = (
      await pool.query<{ n: number }>('select count(*)::int as n from members where company_id = $1', [companyId])
    ).rows[0]!.n;
    const ttfb = stats(cold.map((l) => l.ttfbMs));
    const full = stats(cold.map((l) => l.fullMs));
    const warm = stats(cached.map((l) => l.ttfbMs));
    const bytes = Math.max(...cold.map((l) => l.htmlBytes + l.imageBytes));
    const figures: Figure[] = [
      { name: 'reports.ttfb_p95_ms', value: ttfb.p95, unit: 'ms', n: RUNS },
      { name: 'reports.ttfb_median_ms', value: ttfb.median, unit: 'ms', n: RUNS },
      { name: 'reports.full_load_p95_ms', value: full.p95, unit: 'ms', n: RUNS },
      { name: 'reports.full_load_median_ms', value: full.median, unit: 'ms', n: RUNS },
      { name: 'reports.ttfb_cached_p95_ms', value: warm.p95, unit: 'ms', n: RUNS },
      { name: 'reports.page_bytes', value: bytes, unit: 'bytes', n: RUNS },
    ];
    const ms = (x: number) => x.toFixed(1);
    const kib = (x: number) => (x / 1024).toFixed(0);
    const markdown = [
      `Report pages for ${period} as of ${asOf.toISOString()} on a company of ${members.toLocaleString('en-US')} simulated members, through the real app`,
      `(\`buildApp\`, logger off) on loopback HTTP; data pool of 10 connections. Each cold run is a new link (report computed, charts rendered);`,
      `full load = HTML, then its chart images 6 at a time. ${WARMUP} warm-up runs, ${RUNS} timed. Machine load (1-min average) ${loadBefore.toFixed(1)} before,`,
      `${loadAfter.toFixed(1)} after, on 2 cores shared with PostgreSQL and other work. Targets: TTFB p95 under 300 ms, page under 1 MB.`,
      '',
      '| overview | median ms | p95 ms |',
      '|---|---:|---:|',
      `| time to first byte, cold | ${ms(ttfb.median)} | ${ms(ttfb.p95)} |`,
      `| full load (HTML + ${cold[0]!.images} chart PNGs), cold | ${ms(full.median)} | ${ms(full.p95)} |`,
      `| time to first byte, same link again (cached report data) | ${ms(warm.median)} | ${ms(warm.p95)} |`,
      '',
      `Page weight (overview): ${kib(cold[0]!.htmlBytes)} KiB HTML + ${kib(cold[0]!.imageBytes)} KiB images = ${kib(bytes)} KiB.`,
      '',
      `| kind (cold, ${KIND_RUNS} runs) | TTFB median ms | TTFB p95 ms | full load median ms | HTML KiB | images KiB |`,
      '|---|---:|---:|---:|---:|---:|',
      ...kinds.map(([kind, runs]) => {
        const t = stats(runs.map((l) => l.ttfbMs));
        return `| ${kind} | ${ms(t.median)} | ${ms(t.p95)} | ${ms(stats(runs.map((l) => l.fullMs)).median)} | ${kib(runs[0]!.htmlBytes)} | ${kib(runs[0]!.imageBytes)} |`;
      }),
    ].join('\n');
    return { figures, markdown };
  } finally {
    await pool.query('update companies set tier = $2 where id = $1', [companyId, tier]);
    await app.close();
    await requests.end();
    await pool.end();
    agent.destroy();
  }
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const small = Number(process.env.REPORTS_BENCH_MEMBERS ?? 0);
  if (small > 0) {
    const db = await smallBenchDatabase(adminUrl, small, benchSim.endDate, console.log);
    try {
      const { figures, markdown } = await benchReports(db.url, db.companyId);
      console.log(
        `${markdown}\n\n(small database: not recorded)\n${figures.map((f) => `${f.name} = ${f.value.toFixed(1)} ${f.unit}`).join('\n')}`,
      );
    } finally {
      await db.drop();
    }
    return;
  }
  const bench = await ensureBenchDatabase(adminUrl);
  const { figures, markdown } = await benchReports(bench.url, bench.companyId);
  record('reports', figures, markdown);
  console.log(markdown);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
