// `npm run bench [-- suite ...]`: each suite in its own process (clean memory figures), in this order.
// Every suite records its figures in docs/benchmarks.json and its section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const suites: Record<string, string> = {
  charts: 'charts.ts',
  load: 'load.ts',
  revenue: 'core-revenue.ts',
  engagement: 'core-engagement.ts', // also content and the forecast back-test
  webhooks: 'webhooks.ts',
  sync: 'sync.ts',
  churn: 'churn.ts',
  'churn-worlds': 'churn-worlds.ts', // own model vs a plain baseline and the oracle, per simulated world
  'churn-small': 'churn-small.ts', // small communities alone in their install: prior + own outcomes vs self-pooled
  pipeline: 'pipeline.ts', // nightly pipeline: one 100k company, 500 companies of 200 (several minutes of setup)
  loadtest: '../ops/load.ts', // 60-s fixed-rate HTTP load on a real server (webhooks, report pages)
  reports: 'reports.ts',
  discord: 'discord.ts',
  redact: 'redact.ts', // log redaction of a request line with a 15,000-character URL
  fuzz: 'fuzz.ts', // 2,000 hostile requests per public endpoint: answer time (median, p99, max) and 5xx count
};

const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !(s in suites));
if (unknown.length) {
  console.error(`pulse bench: unknown suite ${unknown.join(', ')} (suites: ${Object.keys(suites).join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const suite of asked.length ? asked : Object.keys(suites)) {
  console.log(`\n== bench: ${suite}`);
  const r = spawnSync(process.execPath, [join(here, suites[suite]!)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.error(`pulse bench: ${suite} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
