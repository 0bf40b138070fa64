// Load test: a real `pulse serve --role web` process (production logging) on a loopback port over a prepared
// database (a 300-member simulated company synced through the real path, rollups built), driven by autocannon
// at a FIXED rate for 60 s: signed Whop webhooks (each one distinct) on POST /webhooks/whop and, side by side,
// report pages GET /r/<token> (links made through core/reports, one per report kind, viewers spread over 200
// forwarded addresses as fly's proxy would show them). After the run every webhook answered 2xx is checked stored
// and applied. Records load.webhooks.* and load.reports.* with test/bench/record.ts.
// Run: node test/ops/load.ts [--seconds 60] [--webhook-rate 400] [--report-rate 40] (or `./pulse bench loadtest`)
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { record, type Figure } from '../bench/record.ts';
import { startServer, TEST_SECRET } from './server-process.ts';
import { OPS_WEBHOOK_SECRET, opsEvent, prepareWebhookWorld, signed, type WebhookWorld } from './webhook-world.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    'webhook-rate': { type: 'string' },
    'report-rate': { type: 'string' },
    warmup: { type: 'string' },
  },
});
const seconds = Number(values.seconds ?? 60);
const webhookRate = Number(values['webhook-rate'] ?? 400);
const reportRate = Number(values['report-rate'] ?? 40);
const warmup = Number(values.warmup ?? 5);

/** Report page paths for the company (one link per aggregate kind), or why there are none. */
async function reportPaths(world: WebhookWorld, serverUrl: string): Promise<{ paths: string[] } | { skipped: string }> {
  const reports = await import('../../core/reports/index.ts').catch(() => undefined);
  if (!reports?.createReportLinks) return { skipped: 'core/reports has no createReportLinks yet' };
  const pool = new pg.Pool({ connectionString: world.url, max: 2 });
  try {
    const links = reports.createReportLinks({
      db: pool,
      secret: TEST_SECRET,
      publicUrl: serverUrl,
      now: () => new Date(),
    });
    const paths: string[] = [];
    for (const kind of ['overview', 'revenue', 'engagement', 'churn', 'content']) {
      paths.push(
        new URL((await links.create({ companyId: world.companyId, kind, createdBy: 'load test' })).url).pathname,
      );
    }
    const probe = await fetch(`${serverUrl}${paths[0]}`, { headers: { 'x-forwarded-for': '192.0.2.1' } });
    const type = probe.headers.get('content-type') ?? '';
    if (probe.status !== 200 || !type.startsWith('text/html'))
      return { skipped: `GET /r/<token> answered ${probe.status} ${type}: report pages are not served yet` };
    return { paths };
  } finally {
    await pool.end();
  }
}

function webhookLoad(url: string, world: WebhookWorld, tag: string, duration: number) {
  let n = 0;
  return autocannon({
    url,
    duration,
    overallRate: webhookRate,
    connections: 32,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/whop',
        setupRequest: (req) => {
          const { body, headers } = signed(opsEvent(world.data, tag, n++).envelope, OPS_WEBHOOK_SECRET);
          return { ...req, body, headers };
        },
      },
    ],
  });
}

function reportLoad(url: string, paths: string[], duration: number) {
  let n = 0;
  return autocannon({
    url,
    duration,
    overallRate: reportRate,
    connections: 16,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            path: paths[i % paths.length]!,
            headers: { 'x-forwarded-for': `10.0.${(i % 200) >> 8}.${i % 200}` },
          };
        },
      },
    ],
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const errorsOf = (r: Result) => r.non2xx + r.errors + r.timeouts;
const perSecond = (r: Result) => r['2xx'] / r.duration;

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const tag = `load${Date.now().toString(36)}`;
console.log(`load test: preparing a database (300 members) on ${new URL(adminUrl).host}`);
const world = await prepareWebhookWorld(adminUrl, `pulse_bench_loadtest_${Date.now().toString(36)}`, {
  members: 300,
  refresh: true,
});
const server = await startServer({
  databaseUrl: world.url,
  role: 'web',
  env: { WHOP_WEBHOOK_SECRET: OPS_WEBHOOK_SECRET, LOG_LEVEL: 'info' },
});
try {
  const reports = await reportPaths(world, server.url);
  if ('skipped' in reports) console.log(`load test: report pages skipped (${reports.skipped})`);
  const withReports = 'paths' in reports ? reports.paths : undefined;
  console.log(
    `load test: warm-up ${warmup} s, then ${seconds} s at ${webhookRate} webhooks/s${withReports ? ` and ${reportRate} report pages/s` : ''}`,
  );
  await Promise.all([
    webhookLoad(server.url, world, `${tag}w`, warmup),
    withReports && reportLoad(server.url, withReports, warmup),
  ]);
  const load = loadavg()[0]!;
  const cpuBefore = cpuSeconds(server.child.pid!);
  const [hooks, pages] = await Promise.all([
    webhookLoad(server.url, world, tag, seconds),
    withReports ? reportLoad(server.url, withReports, seconds) : undefined,
  ]);
  const serverCpu = cpuSeconds(server.child.pid!) - cpuBefore;

  const pool = new pg.Pool({ connectionString: world.url, max: 1 });
  const {
    rows: [stored],
  } = await pool.query<{ n: string }>(
    `select count(*) as n from webhook_inbox where webhook_id like $1 and applied_at is not null`,
    [`wh\\_${tag}\\_%`],
  );
  await pool.end();
  const lost = Math.max(0, hooks['2xx'] - Number(stored!.n));
  const stop = await server.stop('SIGTERM');

  const figures: Figure[] = [
    { name: 'load.webhooks.per_s', value: perSecond(hooks), unit: 'requests/s', n: hooks['2xx'] },
    { name: 'load.webhooks.p99_ms', value: hooks.latency.p99, unit: 'ms', n: hooks['2xx'] },
    { name: 'load.webhooks.errors', value: errorsOf(hooks), unit: 'requests', n: hooks.requests.total },
    { name: 'load.webhooks.lost', value: lost, unit: 'events', n: hooks['2xx'] },
    ...(pages
      ? [
          { name: 'load.reports.per_s', value: perSecond(pages), unit: 'requests/s', n: pages['2xx'] },
          { name: 'load.reports.p99_ms', value: pages.latency.p99, unit: 'ms', n: pages['2xx'] },
          { name: 'load.reports.errors', value: errorsOf(pages), unit: 'requests', n: pages.requests.total },
        ]
      : []),
  ];
  const row = (what: string, rate: number, r: Result) =>
    `| ${what} | ${rate} | ${perSecond(r).toFixed(1)} | ${r.latency.p50.toFixed(1)} / ${r.latency.p90.toFixed(1)} / ${r.latency.p99.toFixed(1)} / ${r.latency.max.toFixed(0)} | ${r.non2xx} / ${r.errors} / ${r.timeouts} |`;
  record(
    'loadtest',
    figures,
    [
      `A real \`pulse serve --role web\` process (LOG_LEVEL=info, logs discarded) on loopback, its database a 300-member`,
      'simulated company synced through the real path with rollups built; autocannon (same machine, other process) at a',
      `fixed rate for ${seconds} s after a ${warmup}-s warm-up, both loads at once. Webhooks: each request a distinct signed`,
      'Whop event (half new chat messages, half new payments); report pages: `GET /r/<token>` over five links (overview,',
      'revenue, engagement, churn, content; data cached 60 s by the app) from 200 forwarded viewer addresses. Latency corrected',
      `for coordinated omission (autocannon's default at a fixed rate). Server, PostgreSQL and autocannon share 2 cores;`,
      `load average at the start: ${load.toFixed(1)}. The server process used ${serverCpu.toFixed(1)} CPU seconds over the ${seconds} s`,
      `(${((serverCpu / (hooks['2xx'] + (pages?.['2xx'] ?? 0))) * 1e6).toFixed(0)} µs per answered request, both kinds together).`,
      '',
      '| load | offered /s | answered 2xx /s | latency p50 / p90 / p99 / max ms | non-2xx / errors / timeouts |',
      '|---|---:|---:|---:|---:|',
      row('POST /webhooks/whop', webhookRate, hooks),
      ...(pages
        ? [row('GET /r/<token>', reportRate, pages)]
        : [`| GET /r/<token> | — | not measured: ${'skipped' in reports ? reports.skipped : ''} | | |`]),
      '',
      `Webhooks answered 2xx: ${hooks['2xx']}; stored and applied: ${stored!.n} (lost: ${lost}). The server then stopped on SIGTERM in ${stop.ms} ms (exit ${stop.code}).`,
    ].join('\n'),
  );
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(2)} ${f.unit}`);
  if (lost > 0 || stop.code !== 0) process.exitCode = 1;
} finally {
  if (server.child.exitCode === null) await server.stop('SIGKILL');
  await world.drop();
}
