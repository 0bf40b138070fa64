// Webhook ingestion bench: 20,000 signed Whop webhooks (Standard Webhooks) from 32 concurrent senders over real
// loopback HTTP into the real Fastify app (buildApp) on a fresh database holding a synced simulated community.
// Records webhooks.per_s, webhooks.p99_ms, webhooks.lost (not answered 200, or not stored and applied) and
// webhooks.doubled; each of three rounds is the app, then the database alone doing the inbox write (pgbench,
// db-ceiling.ts) right after: webhooks.db_ceiling_per_s and webhooks.vs_db_ceiling; medians recorded.
// PULSE_BENCH_PROFILE=<dir> profiles the server during the first TCP run (cpu-profile.ts) and puts the summary in
// the markdown. Run alone: node test/bench/webhooks.ts
import { execFile } from 'node:child_process';
import { readdirSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connect, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../../core/config.ts';
import { quoteIdent, withDatabaseName } from '../../core/db/database-url.ts';
import { dropDatabase } from '../helpers/test-databases.ts';
import { migrateUp } from '../../core/db/migrate.ts';
import { openPool } from '../../core/db/pool.ts';
import { REQUEST_POOL_MAX } from '../../server/main.ts';
import { openIngestPool } from '../../core/whop/webhook-ingestor.ts';
import { materialize } from '../../demo/sim/index.ts';
import { createWhopClient, WhopApi } from '../../core/whop/client.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import { buildApp } from '../../server/app.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop } from '../../demo/fake-whop/server.ts';
import { makeEnvelope, signedHeaders, type WebhookEnvelope } from '../../demo/fake-whop/webhook-sender.ts';
import { startProfile } from './cpu-profile.ts';
import { inboxCeiling, type Ceiling } from './db-ceiling.ts';
import { record, stats, type Figure } from './record.ts';

const SECRET = 'ws_bench_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
/** Rounds of app-then-database-alone measurements; the medians are recorded. */
const ROUNDS = 3;
const run = promisify(execFile);

interface SendResult {
  latencies: number[];
  statuses: number[];
  seconds: number;
  /** The senders' CPU per event over the timed sends (µs). */
  senderCpuUs: number;
}

/**
 * One keep-alive HTTP/1.1 connection that sends a request and reads its response, one at a time. The bench's
 * senders stand in for Whop's machines, which are not on this one: a minimal client (as wrk's) keeps the load
 * generator's own CPU small (Node's http client, or undici's, spends more CPU per request than the server under
 * test, taken from the same 2 cores). It reads what the server writes: a status line, headers with content-length,
 * the body.
 */
class RawSender {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;
  private failed: ((err: Error) => void) | undefined;
  private readonly socket: Socket;
  constructor(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.tryResponse();
    });
    socket.on('error', (err) => this.failed?.(err));
    socket.on('close', () => this.failed?.(new Error('connection closed by the server')));
  }
  static open(host: string, port: number): Promise<RawSender> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => resolve(new RawSender(socket)));
      socket.once('error', reject);
    });
  }
  private tryResponse(): void {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buf.length < end + 4 + length) return;
    this.buf = this.buf.subarray(end + 4 + length);
    const done = this.waiting;
    this.waiting = undefined;
    done(Number(head.slice(9, 12)));
  }
  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(request);
    });
  }
  close(): void {
    this.failed = undefined;
    this.socket.destroy();
  }
}

/** Sign and send `list` from `senders` concurrent keep-alive connections; run in a child process (see below). */
async function sendAll(target: string, list: WebhookEnvelope[], senders: number): Promise<SendResult> {
  const url = new URL(target);
  const ts = Math.floor(Date.now() / 1000);
  const requests = list.map((e) => {
    const body = JSON.stringify(e);
    const headers = { ...signedHeaders(SECRET, e.id, ts, body), 'content-length': String(Buffer.byteLength(body)) };
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
    return Buffer.from(`POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\n${lines.join('')}\r\n${body}`);
  });
  const connections = await Promise.all(
    Array.from({ length: senders }, () => RawSender.open(url.hostname, Number(url.port))),
  );
  const latencies: number[] = [];
  const statuses: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    connections.map(async (c) => {
      for (let i = next++; i < requests.length; i = next++) {
        const t0 = performance.now();
        statuses.push(await c.send(requests[i]!));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  for (const c of connections) c.close();
  return { latencies, statuses, seconds, senderCpuUs: (used.user + used.system) / requests.length };
}

/** The events for the senders, written to a file before any clock starts (the child reads and signs them). */
function eventsFile(list: WebhookEnvelope[]): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-webhooks-bench-'));
  const file = join(dir, 'events.json');
  writeFileSync(file, JSON.stringify(list));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whop is another machine: the senders run in their own process, not on the server's event loop. */
async function sendFromChild(target: string, file: string, senders: number): Promise<SendResult> {
  const { stdout } = await run(
    process.execPath,
    [fileURLToPath(import.meta.url), '--senders', target, file, String(senders)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as SendResult;
}

/**
 * CPU time (ms) used so far by every PostgreSQL process on this machine (backends, WAL writer, checkpointer), from
 * /proc; undefined where there is no /proc. The bench's database is the only busy one while it runs.
 */
function postgresCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const tick = 10; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    if (!stat.includes(' (postgres) ')) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
  }
  return total;
}

/** A realistic mix: new chat messages, payments, membership changes and lesson completions. */
/** `tag` keeps each run's chat messages its own: a message id is one message, with one creation time. */
function events(data: ReturnType<typeof companyFromSim>, n: number, tag = 'bench'): WebhookEnvelope[] {
  const biz = data.company.id;
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(now + i).toISOString();
    const k = i % 10;
    if (k < 4) {
      const m = data.messages[i % data.messages.length]!;
      return makeEnvelope(
        'chat.message.created',
        {
          channel: { id: m.channel_id, type: 'chat' },
          message: { ...m.message, id: `msg_${tag}_${i}`, created_at: at },
        },
        biz,
      );
    }
    if (k < 7) {
      const p = data.payments[i % data.payments.length]!;
      return makeEnvelope('payment.succeeded', { ...p, id: `pay_bench_${i}`, created_at: at, updated_at: at }, biz);
    }
    if (k < 9) {
      const m = data.memberships[i % data.memberships.length]!;
      return makeEnvelope('membership.activated', { ...m, updated_at: at }, biz);
    }
    const li = data.lessonInteractions[i % data.lessonInteractions.length]!;
    return makeEnvelope('course_lesson_interaction.completed', { ...li, id: `crsli_bench_${i}`, completed: true }, biz);
  });
}

interface Measured {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  lost: number;
  doubled: number;
  /** The server's CPU per event (µs), and its user / system parts. */
  cpuUs: number;
  userUs: number;
  systemUs: number;
  /** The senders' CPU per event (µs). */
  senderCpuUs: number;
  /** Every PostgreSQL process's CPU per event (µs), where /proc tells. */
  postgresCpuUs?: number;
  profile?: string;
}

/** Start the app on `url`, send `total` events (ids prefixed by `tag`), and check every one was stored and applied. */
async function measure(
  url: string,
  data: ReturnType<typeof companyFromSim>,
  tag: string,
  total: number,
  senders: number,
  profile = false,
): Promise<Measured> {
  const config = loadConfig({
    DATABASE_URL: url,
    PULSE_SECRET: 'bench-secret-0123456789abcdef0123456789',
    WHOP_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  const pool = openPool(url, { max: REQUEST_POOL_MAX, timeouts: 'request' });
  const ingestDb = openIngestPool(url);
  const app = await buildApp({ config, db: pool, ingestDb, logger: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const target = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/whop`;
    const named = (n: number, prefix: string) =>
      events(data, n, prefix).map((e) => ({ ...e, id: `${prefix}_${e.id}` }));
    const warmFile = eventsFile(named(1000, `warm_${tag}`));
    const warm = await sendFromChild(target, warmFile.file, senders).finally(warmFile.remove);
    if (warm.statuses.some((st) => st !== 200)) throw new Error('webhooks bench: warm-up events were refused');
    const list = named(total, tag);
    const timedFile = eventsFile(list);
    const profiling = profile ? await startProfile(`webhooks-server-${tag}`) : undefined;
    const pgBefore = postgresCpuMs();
    const cpu = process.cpuUsage();
    const { latencies, statuses, seconds, senderCpuUs } = await sendFromChild(target, timedFile.file, senders).finally(
      timedFile.remove,
    );
    const used = process.cpuUsage(cpu);
    const pgAfter = postgresCpuMs();
    const summary = await profiling?.stop();
    // Stored and applied, once each: inbox rows of the run's ids, and the chat messages' activity rows.
    const ids = list.map((e) => e.id);
    const messages = list
      .filter((e) => e.type === 'chat.message.created')
      .map((e) => (e.data as { message: { id: string } }).message.id);
    const {
      rows: [counted],
    } = await pool.query<{ applied: string; rows: string; distinct: string; activity: string }>(
      `select count(*) filter (where applied_at is not null) as applied, count(*) as rows, count(distinct webhook_id) as distinct,
         (select count(*) from activity_events where source = 'whop' and external_id = any($2)) as activity
       from webhook_inbox where webhook_id = any($1)`,
      [ids, messages],
    );
    const s = stats(latencies);
    return {
      perSecond: total / seconds,
      p50: s.median,
      p95: s.p95,
      p99: s.p99,
      lost: total - Math.min(Number(counted!.applied), statuses.filter((st) => st === 200).length),
      doubled:
        Number(counted!.rows) -
        Number(counted!.distinct) +
        Math.max(0, Number(counted!.activity) - new Set(messages).size),
      cpuUs: (used.user + used.system) / total,
      userUs: used.user / total,
      systemUs: used.system / total,
      senderCpuUs,
      ...(pgBefore !== undefined && pgAfter !== undefined
        ? { postgresCpuUs: ((pgAfter - pgBefore) * 1000) / total }
        : {}),
      ...(summary ? { profile: summary } : {}),
    };
  } finally {
    await app.close();
    await pool.end();
    await ingestDb.end();
  }
}

/** A body of average size from the bench's mix, for the database-alone run. */
function ceilingBody(data: ReturnType<typeof companyFromSim>): { whopCompanyId: string; type: string; raw: string } {
  const bodies = events(data, 100).map((e) => JSON.stringify({ ...e, id: `ceiling_${e.id}` }));
  const mean = bodies.reduce((n, b) => n + b.length, 0) / bodies.length;
  const raw = bodies.reduce((a, b) => (Math.abs(b.length - mean) < Math.abs(a.length - mean) ? b : a));
  return { whopCompanyId: data.company.id, type: (JSON.parse(raw) as WebhookEnvelope).type, raw };
}

/** The same database through the local Unix socket, when the URL names this machine's PostgreSQL. */
function unixSocketUrl(url: string): string | undefined {
  const u = new URL(url);
  const dir = '/var/run/postgresql';
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) || u.searchParams.has('host')) return undefined;
  if (!existsSync(join(dir, `.s.PGSQL.${u.port || '5432'}`))) return undefined;
  u.searchParams.set('host', dir);
  return u.toString();
}

export async function benchWebhooks(adminUrl: string, total = 20_000, senders = 32): Promise<Figure[]> {
  const name = `pulse_bench_webhooks_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${quoteIdent(name)}`);
  const url = withDatabaseName(adminUrl, name);
  const data = companyFromSim(materialize({ seed: 2026, members: 300, months: 12, endDate: '2026-11-01T00:00:00Z' }));
  const fake = await startFakeWhop({ dataset: { companies: [data] } });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  try {
    await migrateUp(url);
    const { rows } = await pool.query<{ id: string }>(
      'insert into companies (whop_company_id, name) values ($1, $2) returning id',
      [data.company.id, data.company.title],
    );
    const company = { id: Number(rows[0]!.id), whopCompanyId: data.company.id };
    await syncCompany(pool, new WhopApi(createWhopClient({ apiKey: defaultFakeApiKey, baseURL: fake.url })), company, {
      mode: 'full',
    });
    const load = loadavg()[0]!;
    // This machine's pace moves from minute to minute (pgbench's rate for the same insert by a third between runs),
    // so the app and the database alone are measured side by side in each of ROUNDS rounds, and the medians kept.
    const sample = ceilingBody(data);
    const rounds: Array<{ app: Measured; ceiling: Ceiling }> = [];
    for (let r = 1; r <= ROUNDS; r++) {
      console.log(
        `webhooks: round ${r}: ${total} events from ${senders} senders over TCP (load ${loadavg()[0]!.toFixed(1)})`,
      );
      const app = await measure(url, data, `tcp${r}`, total, senders, r === 1);
      console.log(`webhooks: ${app.perSecond.toFixed(0)} events/s, p99 ${app.p99.toFixed(1)} ms; the database alone`);
      rounds.push({ app, ceiling: await inboxCeiling(url, sample, total, senders) });
    }
    const middle = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[xs.length >> 1]!;
    const tcp = middle(rounds, (x) => x.app.perSecond).app;
    const ceiling = middle(rounds, (x) => x.ceiling.perSecond).ceiling;
    const ratio = middle(rounds, (x) => x.app.perSecond / x.ceiling.perSecond);
    const socketUrl = unixSocketUrl(url);
    console.log('webhooks: again over the Unix socket');
    const socket = socketUrl ? await measure(socketUrl, data, 'unix', total, senders) : undefined;
    const all = [...rounds.map((x) => x.app), ...(socket ? [socket] : [])];
    const figures: Figure[] = [
      { name: 'webhooks.per_s', value: tcp.perSecond, unit: 'events/s', n: total },
      { name: 'webhooks.p99_ms', value: tcp.p99, unit: 'ms', n: total },
      { name: 'webhooks.lost', value: all.reduce((n, m) => n + m.lost, 0), unit: 'events', n: total * all.length },
      {
        name: 'webhooks.doubled',
        value: all.reduce((n, m) => n + m.doubled, 0),
        unit: 'events',
        n: total * all.length,
      },
      { name: 'webhooks.db_ceiling_per_s', value: ceiling.perSecond, unit: 'rows/s', n: ceiling.rows },
      { name: 'webhooks.vs_db_ceiling', value: ratio.app.perSecond / ratio.ceiling.perSecond, unit: 'ratio' },
    ];
    const row = (label: string, m: Measured) =>
      `| ${label} | ${m.perSecond.toFixed(0)} | ${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} / ${m.p99.toFixed(1)} | ${m.lost} / ${m.doubled} | ${m.cpuUs.toFixed(0)} (user ${m.userUs.toFixed(0)}, system ${m.systemUs.toFixed(0)}) | ${m.postgresCpuUs?.toFixed(0) ?? '—'} | ${m.senderCpuUs.toFixed(0)} |`;
    record(
      'webhooks',
      figures,
      [
        `${total.toLocaleString('en-US')} signed webhooks per run (after 1,000 warm-up) from ${senders} concurrent keep-alive senders over loopback HTTP to`,
        '`POST /webhooks/whop` of the real app (`buildApp` with the ingest pool `server/main.ts` gives it, logger off). The senders',
        'are a minimal HTTP/1.1 client on raw keep-alive sockets in a child process (signing done before the clock starts), so',
        'that the stand-in for Whop takes little of the 2 cores the server and PostgreSQL share. Mix: 40% chat.message.created,',
        '30% payment.succeeded (new payments), 20% membership.activated (newer versions of synced memberships), 10%',
        'course_lesson_interaction.completed. Each event: signature checked (node:crypto), then events arriving together are',
        "stored and applied by one statement, alone in its transaction (group commit), on the ingestor's own connections.",
        `Load average when the runs started: ${load.toFixed(1)} (other work on the machine). ${ROUNDS} rounds, each the app over TCP`,
        'then the database alone (pgbench) right after; the figures are the medians: the round with the median events/s for',
        "`per_s` and `p99_ms`, the median pgbench rate, the median of the rounds' ratios. Lost and doubled count every run.",
        '',
        '| app to PostgreSQL | events/s | latency median / p95 / p99 ms | lost / doubled | CPU per event µs: server | PostgreSQL | senders |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...rounds.map((x, n) => row(`TCP 127.0.0.1 (DATABASE_URL as given), round ${n + 1}`, x.app)),
        ...(socket ? [row('Unix socket, same database', socket)] : []),
        '',
        `The database alone: pgbench (\`-M prepared\`, ${ceiling.clients} clients, 2 threads) doing the single-event inbox insert`,
        `(\`inboxInsertSql\`, one autocommitted row per transaction, a ${sample.raw.length.toLocaleString('en-US')}-byte ${sample.type} body),`,
        `${rounds.map((x) => x.ceiling.perSecond.toFixed(0)).join(', ')} rows/s in the rounds: **${ceiling.perSecond.toFixed(0)} rows/s** (median; ${ceiling.rows.toLocaleString('en-US')} rows, ${ceiling.latencyMs.toFixed(1)} ms average latency).`,
        `Pulse over HTTP, signature checked and the event applied to its tables too, did ${rounds.map((x) => (x.app.perSecond / x.ceiling.perSecond).toFixed(2)).join(', ')}x the database alone in the rounds (median ${(ratio.app.perSecond / ratio.ceiling.perSecond).toFixed(2)}x).`,
        ...(rounds[0]!.app.profile
          ? [
              '',
              'Server CPU profile of the first TCP run (self time by package or file, share of busy samples):',
              '',
              '```',
              rounds[0]!.app.profile,
              '```',
            ]
          : []),
      ].join('\n'),
    );
    return figures;
  } finally {
    await fake.close();
    await pool.end();
    await dropDatabase(admin, name);
    await admin.end();
  }
}

if (import.meta.main && process.argv[2] === '--senders') {
  const [target, file, senders] = process.argv.slice(3);
  const result = await sendAll(target!, JSON.parse(readFileSync(file!, 'utf8')) as WebhookEnvelope[], Number(senders));
  process.stdout.write(JSON.stringify(result));
} else if (import.meta.main) {
  const figures = await benchWebhooks(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  for (const f of figures) console.log(`${f.name} = ${f.value.toFixed(2)} ${f.unit}`);
}
