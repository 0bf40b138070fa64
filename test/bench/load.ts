// Bulk-load bench: a fresh database, migrated, then a simulated community of 100,000 members and ~10M activity
// events written with demo/load (COPY). Records load.100k.seconds (wall time of loadCommunity, generation
// included) and load.100k.rss_mib (peak RSS of this process: the larger of 100 ms samples and VmHWM).
// Run alone: node test/bench/load.ts [members]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { loadCommunity } from '../../demo/load/index.ts';
import { createSim } from '../../demo/sim/index.ts';
import { record, type Figure } from './record.ts';

/** Activity per member-month that gives ~10.0M events for 100k members over 24 months (seed 2026). */
const ACTIVITY_PER_MEMBER_MONTH = 18.25;

/** CPU seconds (user + system) of a local process, or undefined when it is gone or not on this machine. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Follows the CPU time of the PostgreSQL backends serving one database (when the server runs on this machine). */
function watchBackends(admin: pg.Client, database: string): { stop(): number } {
  const seen = new Map<number, number>();
  const timer = setInterval(() => {
    admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]).then(
      ({ rows }) => {
        for (const { pid } of rows) {
          const cpu = cpuSeconds(pid);
          if (cpu !== undefined) seen.set(pid, cpu);
        }
      },
      () => undefined,
    );
  }, 1000);
  return { stop: () => (clearInterval(timer), [...seen.values()].reduce((a, b) => a + b, 0)) };
}

function vmHwmMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function benchLoad(adminUrl: string, members = 100_000): Promise<Figure[]> {
  const name = `pulse_bench_load_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  const url = withDatabaseName(adminUrl, name);
  try {
    await migrateUp(url);
    const sim = createSim({
      seed: 2026,
      members,
      months: 24,
      endDate: '2026-11-01T00:00:00Z',
      activityPerMemberPerMonth: ACTIVITY_PER_MEMBER_MONTH,
    });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const backends = watchBackends(admin, name);
    let pgCpu = 0;
    const cpu0 = process.cpuUsage();
    const load0 = loadavg()[0]!;
    let lastLog = 0;
    const result = await loadCommunity(url, sim, {
      onProgress: (p) => {
        if (p.elapsedMs - lastLog < 15_000) return;
        lastLog = p.elapsedMs;
        console.log(
          `  ${p.members}/${p.totalMembers} members, ${p.rows.activity_events} events, ${(p.elapsedMs / 1000).toFixed(0)} s`,
        );
      },
    }).finally(() => {
      clearInterval(sampler);
      pgCpu = backends.stop();
    });
    const nodeCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu0));
    const load1 = loadavg()[0]!;
    const rssMiB = Math.max(peak / 2 ** 20, vmHwmMiB());
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const counted = (await db.query<{ n: string }>('select count(*) as n from activity_events')).rows[0]!.n;
    await db.end();
    if (Number(counted) !== result.rows.activity_events)
      throw new Error(`activity_events: ${counted} in the database, ${result.rows.activity_events} loaded`);
    const tag = members === 100_000 ? '100k' : `${Math.round(members / 1000)}k`;
    const figures: Figure[] = [
      { name: `load.${tag}.seconds`, value: result.seconds, unit: 's' },
      { name: `load.${tag}.rss_mib`, value: rssMiB, unit: 'MiB' },
    ];
    const r = result.rows;
    const markdown = [
      `\`loadCommunity\` into a freshly migrated database (every index, unique and foreign key of the schema in place),`,
      `streaming from the simulator (generation included in the time), 500 members per COPY batch, 1 + 2 connections.`,
      '',
      '| figure | value |',
      '|---|---:|',
      `| members | ${r.members.toLocaleString('en-US')} |`,
      `| memberships | ${r.memberships.toLocaleString('en-US')} |`,
      `| payments | ${r.payments.toLocaleString('en-US')} |`,
      `| refunds | ${r.refunds.toLocaleString('en-US')} |`,
      `| activity events | ${r.activity_events.toLocaleString('en-US')} |`,
      `| wall time | ${result.seconds.toFixed(1)} s |`,
      `| activity events per second | ${Math.round(r.activity_events / result.seconds).toLocaleString('en-US')} |`,
      `| peak RSS (sampled every 100 ms, and VmHWM) | ${rssMiB.toFixed(0)} MiB |`,
      `| CPU: this process (simulate, map, encode) | ${nodeCpu.toFixed(0)} s |`,
      `| CPU: PostgreSQL backends of the load | ${pgCpu > 0 ? `${pgCpu.toFixed(0)} s` : 'not measured (server not local)'} |`,
      `| 1-minute load average at start / end (other work on the machine) | ${load0.toFixed(1)} / ${load1.toFixed(1)} |`,
    ].join('\n');
    record('load', figures, markdown);
    console.log(markdown);
    return figures;
  } finally {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchLoad(
    process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    Number(process.argv[2] ?? 100_000),
  );
}
