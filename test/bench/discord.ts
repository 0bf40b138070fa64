// Discord interactions bench: signed interactions over loopback HTTP to POST /discord/interactions of the real
// app (buildApp) on the 100,000-member database (pulse_bench_100k), one at a time, each command 2 warm-up + 20
// timed runs. The fake Discord API and the signer run in a child process (test/bench/discord-client.ts);
// ack = signed request sent -> HTTP reply; final = -> the follow-up (@original edit or webhook message)
// arriving at the fake (the reply itself when Pulse answered directly). Records discord.<command>.ack_p99_ms
// and discord.<command>.final_p95_ms.
// Run: node test/bench/discord.ts [--runs N] [--members N (a small database of its own; prints, records nothing)]
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { openPool } from '../../core/db/pool.ts';
import { REQUEST_POOL_MAX } from '../../server/main.ts';
import { buildApp } from '../../server/app.ts';
import { benchSim, ensureBenchDatabase, type BenchDatabase } from './bench-database.ts';
import type { BenchCase, CaseResult, RunRequest } from './discord-client.ts';
import { prepareCompany, smallBenchDatabase } from './discord-data.ts';
import { record, stats, type Figure } from './record.ts';

const TOKEN = 'bench-bot-token.discord.0123456789';
const GUILD = '890000000000000001';
const STAFF = '790000000000000001';
const ADMIN = { userId: '690000000000000001', admin: true, name: 'Creator' };

export const benchCases: BenchCase[] = [
  { key: 'revenue', kind: 'slash', name: 'revenue' },
  { key: 'engagement', kind: 'slash', name: 'engagement' },
  { key: 'churn', kind: 'slash', name: 'churn' },
  { key: 'content', kind: 'slash', name: 'content' },
  { key: 'ask', kind: 'slash', name: 'ask', options: { question: 'Why is my revenue down this month?' } },
  { key: 'report_link', kind: 'slash', name: 'report link' },
  { key: 'pulse_status', kind: 'slash', name: 'pulse status' },
  { key: 'help', kind: 'slash', name: 'help' },
  { key: 'churn_next_page', kind: 'click', name: 'p1:page:churn:all:1', ephemeralMessage: true },
];

async function drive(child: ReturnType<typeof fork>, run: RunRequest): Promise<Record<string, CaseResult>> {
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; results?: Record<string, CaseResult> }) => {
      if (m.type === 'done') resolve(m.results!);
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`discord bench client exited with ${code}`));
    });
    child.send(run);
  });
}

export async function benchDiscord(
  db: BenchDatabase,
  opts: { runs: number; record: boolean; members: number },
): Promise<Figure[]> {
  const asOf = new Date(benchSim.endDate);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const restore = await prepareCompany(
    pool,
    db.companyId,
    asOf,
    { guildId: GUILD, staffChannelId: STAFF },
    console.log,
  );
  const child = fork(fileURLToPath(new URL('./discord-client.ts', import.meta.url)), [], {
    env: { ...process.env, BENCH_DISCORD_TOKEN: TOKEN },
  });
  const ready = await new Promise<{ api: string; publicKeyHex: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { api: string; publicKeyHex: string })),
  );
  const config = loadConfig({
    DATABASE_URL: db.url,
    PULSE_SECRET: 'bench-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'silent',
    DISCORD_PUBLIC_KEY: ready.publicKeyHex,
    DISCORD_API_BASE_URL: ready.api,
    DISCORD_TOKEN: TOKEN,
    DISCORD_APP_ID: '900000000000000001',
  });
  const requests = openPool(db.url, { max: REQUEST_POOL_MAX, timeouts: 'request' });
  const now = new Date(asOf.getTime() + 3_600_000);
  const app = await buildApp({
    config,
    db: requests,
    logger: process.env.BENCH_LOG ? { level: 'warn' } : false,
    now: () => now,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const target = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/discord/interactions`;
    const load = loadavg()[0]!;
    const results = await drive(child, {
      type: 'run',
      target,
      cases: benchCases,
      where: { guildId: GUILD, channelId: STAFF, person: ADMIN },
      warmup: 2,
      runs: opts.runs,
    });
    const figures: Figure[] = [];
    const rows: string[] = [];
    for (const c of benchCases) {
      const r = results[c.key]!;
      if (!r.last.png) throw new Error(`${c.key}: a follow-up file is not a PNG`);
      const a = stats(r.ack);
      const f = stats(r.final);
      figures.push(
        { name: `discord.${c.key}.ack_p99_ms`, value: a.p99, unit: 'ms', n: r.ack.length },
        { name: `discord.${c.key}.final_p95_ms`, value: f.p95, unit: 'ms', n: r.final.length },
      );
      const types = [...new Set(r.initialTypes)].join('/');
      rows.push(
        `| ${c.kind === 'slash' ? `/${c.name}` : `button ${c.name}`} | ${types} | ${a.median.toFixed(1)} / ${a.p95.toFixed(1)} / ${a.p99.toFixed(1)} | ${f.median.toFixed(0)} / ${f.p95.toFixed(0)} | ${r.last.title} | ${r.last.files} |`,
      );
      console.log(
        `${c.key}: ack median ${a.median.toFixed(1)} p99 ${a.p99.toFixed(1)} ms; final median ${f.median.toFixed(0)} p95 ${f.p95.toFixed(0)} ms (${types}; "${r.last.title}", ${r.last.files} files)`,
      );
    }
    if (opts.record) {
      record(
        'discord',
        figures,
        [
          `Each command (and the churn list's next-page button) 2 warm-up + ${opts.runs} timed runs, one at a time, as the admin of a guild linked to`,
          `the ${opts.members.toLocaleString('en-US')}-member company of \`pulse_bench_100k\` (tier set to enterprise for the run), asked in its staff channel`,
          "(member-level answers public); figures as of the simulation's end. Signed requests over loopback HTTP to `POST /discord/interactions`",
          'of the real app (`buildApp`, logger off); the fake Discord API and the signer run in a child process. **ack** = request sent ->',
          'HTTP reply (types: 4 answer, 5/6 deferred); **final** = request sent -> the follow-up carrying the answer (with its chart PNGs as',
          'multipart) received by the fake. /ask is answered by the offline analyst (no model key), each run asked by another admin (the coach allows 5 questions a minute per person).',
          `Load average when the runs started: ${load.toFixed(1)}. Targets: ack p99 < 100 ms, final p95 < 1,500 ms.`,
          '',
          '| interaction | first response | ack median / p95 / p99 ms | final median / p95 ms | answer | files |',
          '|---|---|---:|---:|---|---:|',
          ...rows,
        ].join('\n'),
      );
    }
    return figures;
  } finally {
    await app.close();
    await requests.end();
    child.kill();
    await restore();
    await pool.end();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, members: { type: 'string' } } });
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const members = values.members ? Number(values.members) : benchSim.members;
  const db = values.members
    ? await smallBenchDatabase(adminUrl, members, console.log)
    : await ensureBenchDatabase(adminUrl);
  const figures = await benchDiscord(db, { runs: Number(values.runs ?? 20), record: !values.members, members });
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(1)} ${f.unit}`);
}
