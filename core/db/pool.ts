// The one way Pulse's running processes reach PostgreSQL: a pg Pool made here. Every pool parses types by pg's
// defaults, so a row means the same thing whichever path read it: timestamptz -> Date, bigint/numeric -> string
// (cast in SQL or Number()), json -> object. MikroORM's own pool (orm.ts) keeps timestamps as strings; it serves
// migrations and the schema tools only, never a request or a job (core/db/README.md says why).
// Every connection carries limits, so a stuck query, a leaked transaction or an unreachable server costs a
// bounded wait instead of a pool slot forever: `request` for what answers people and webhooks, `job` for the
// worker's rollups and model training (one engagement rollup statement of a 100k-member company runs ~30 s)
// and for operator verbs and migrations.
import pg from 'pg';

export interface PoolTimeouts {
  /** Waiting for a connection (TCP + startup) or for a free pool slot. */
  connectMs: number;
  /** PostgreSQL statement_timeout: a statement running longer is cancelled (error 57014). */
  statementMs: number;
  /** PostgreSQL idle_in_transaction_session_timeout: a session idle inside a transaction this long is ended. */
  idleInTransactionMs: number;
}

export const poolTimeouts = {
  request: { connectMs: 10_000, statementMs: 30_000, idleInTransactionMs: 60_000 },
  // Above the Agenda lock lifetime (10 min): past it another worker may take the job over anyway. Idle in a
  // transaction: the pooled churn model trains on other connections while one holds the retrain lock.
  job: { connectMs: 10_000, statementMs: 15 * 60_000, idleInTransactionMs: 30 * 60_000 },
} as const satisfies Record<string, PoolTimeouts>;

export type PoolProfile = keyof typeof poolTimeouts;

/** pg.Pool options carrying the limits: PostgreSQL applies the two settings to every session at startup. */
export function timeoutOptions(timeouts: PoolProfile | Partial<PoolTimeouts> = 'request'): pg.PoolConfig {
  const t = typeof timeouts === 'string' ? poolTimeouts[timeouts] : { ...poolTimeouts.request, ...timeouts };
  return {
    connectionTimeoutMillis: t.connectMs,
    statement_timeout: t.statementMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    // A server that vanishes without closing the socket is noticed by TCP keepalive, not never.
    keepAlive: true,
  };
}

/**
 * Settings each profile's sessions start with. `request`: no JIT compilation. PostgreSQL compiles every statement
 * whose estimated cost passes jit_above_cost (100,000) before running it, 15-20 ms each time; the statements that
 * answer people run once each and finish in tens of milliseconds, so compiling never pays (the engagement member
 * lists at 100,000 members: 93 ms median with JIT, 76 ms without). `job`: rollups and training run for seconds to
 * minutes, where it can.
 */
const profileSettings: Record<PoolProfile, Record<string, string>> = {
  request: { jit: 'off' },
  job: {},
};

/**
 * Connections a `request` pool keeps open however long it stays idle (pg-pool's `min`; above it, idle ones close
 * after 10 s). A new PostgreSQL backend runs its first big statement much slower than a used one: the engagement
 * member lists at 100,000 members took 137 ms on a fresh connection and 67 ms on the same connection after (planning
 * was 4 ms of the difference, the rest the new process's first hash tables and sorts), and a new connection costs
 * 14-16 ms more to open. With idle connections closed after 10 s, the one command a creator runs after a quiet
 * spell (the usual case) paid all of it: 230 ms for the engagement report's queries, against 62 ms warm. Kept
 * connections are unreferenced when idle (`allowExitOnIdle`), so they never keep a process from exiting.
 */
export const REQUEST_POOL_WARM = 8;

/**
 * Opens a pool's kept connections before anything asks for one (a `web` process starting): the first answer after a
 * deploy then finds them open. The engagement report's queries on a pool of new connections took 280-350 ms, on
 * connections opened beforehand 180-200 ms (8 connections opened side by side: TCP, authentication and a new
 * backend each). Never throws: a connection that cannot be opened now is opened on demand, as always.
 */
export async function warmPool(pool: pg.Pool, n = REQUEST_POOL_WARM): Promise<number> {
  const opened = await Promise.allSettled(
    Array.from({ length: Math.min(n, pool.options.max ?? n) }, () => pool.connect()),
  );
  let count = 0;
  for (const c of opened) {
    if (c.status !== 'fulfilled') continue;
    c.value.release();
    count++;
  }
  return count;
}

/** Session settings as PostgreSQL's startup `options` (`-c name=value ...`); names and values are ours, not input. */
function startupOptions(settings: Record<string, string>): string | undefined {
  const pairs = Object.entries(settings);
  for (const [k, v] of pairs)
    if (!/^[a-z_]+$/.test(k) || !/^[A-Za-z0-9_.]+$/.test(v)) throw new Error(`bad session setting ${k}=${v}`);
  return pairs.length ? pairs.map(([k, v]) => `-c ${k}=${v}`).join(' ') : undefined;
}

export function openPool(
  databaseUrl: string,
  opts: {
    max?: number;
    onError?: (err: Error) => void;
    timeouts?: PoolProfile | Partial<PoolTimeouts>;
    /** Extra settings every session of this pool starts with (e.g. the webhook ingestor's plan_cache_mode). */
    settings?: Record<string, string>;
  } = {},
): pg.Pool {
  const profile: PoolProfile = typeof opts.timeouts === 'string' ? opts.timeouts : 'request';
  const options = startupOptions({ ...profileSettings[profile], ...opts.settings });
  const max = opts.max ?? 8;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    ...(profile === 'request' ? { min: Math.min(max, REQUEST_POOL_WARM), allowExitOnIdle: true } : {}),
    ...timeoutOptions(opts.timeouts),
    ...(options ? { options } : {}),
  });
  // A client losing its server (restart, admin termination) must not crash the process: pg emits 'error' on the
  // pool for an idle client and on the client itself while it is checked out; the query in flight rejects anyway.
  pool.on('error', (err) => opts.onError?.(err));
  pool.on('connect', (client) => client.on('error', (err) => opts.onError?.(err)));
  return pool;
}
