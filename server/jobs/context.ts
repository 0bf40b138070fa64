// What every job of the worker reaches: the database, the clock, the log, the deliverers (one per chat
// platform, chosen by whoever starts the worker), the deps the message builders take, and the ledger's
// lease and retry settings.
import type { Deliverer } from '../../bot/deliverer.ts';
import type { BotDeps } from '../../bot/deps.ts';
import type { Config } from '../../core/config.ts';
import { defaultRetryPolicy, type DeliveryPlatform, type RetryPolicy } from '../../core/delivery/index.ts';
import type { Pool } from '../../core/db/queryable.ts';
import type { CompanyJobContext } from './company-job.ts';
import type { JobLog } from './log.ts';

export interface Deliverers {
  discord?: Deliverer;
  slack?: Deliverer;
}

export interface DeliverySettings {
  /** How long a claim is a worker's own without renewal (renewed while posting). */
  leaseMs: number;
  policy: RetryPolicy;
  /** Posts in flight at once per scan. */
  concurrency: number;
}

export interface JobContext extends CompanyJobContext {
  /** The clock of every schedule decision and ledger write. */
  now: () => Date;
  deliverers: Deliverers;
  /** Handed to the digest and alert builders (bot/messages). */
  botDeps: BotDeps;
  delivery: DeliverySettings;
}

/** The platforms this worker can post to. */
export function deliveryPlatforms(deliverers: Deliverers): DeliveryPlatform[] {
  return (['discord', 'slack'] as const).filter((p) => deliverers[p] !== undefined);
}

export interface JobContextOptions {
  config: Config;
  pool: Pool;
  log: JobLog;
  signal: AbortSignal;
  now?: () => Date;
  deliverers?: Deliverers;
  botDeps?: BotDeps;
  leaseMs?: number;
  policy?: RetryPolicy;
}

/** A job context with defaults: the system clock, a 60 s lease, the default retry policy, 4 posts at once. */
export function buildJobContext(o: JobContextOptions): JobContext {
  const now = o.now ?? (() => new Date());
  return {
    config: o.config,
    pool: o.pool,
    log: o.log,
    signal: o.signal,
    touchEveryMs: 30_000,
    now,
    deliverers: o.deliverers ?? {},
    botDeps: o.botDeps ?? { config: o.config, db: o.pool, now, log: o.log },
    delivery: { leaseMs: o.leaseMs ?? 60_000, policy: o.policy ?? defaultRetryPolicy, concurrency: 4 },
  };
}
