// Gauges read from PostgreSQL when /metrics is scraped: the webhook inbox backlog and apply lag, and the quality
// of the latest churn models (aggregated over companies: one series per statistic, not per company). One read per
// `maxAgeMs` however many scrapes and gauges ask (single flight), each statement capped by a 2-second timeout, so a
// slow or unreachable database never stalls a scrape: the gauges are then cleared and `pulse_database_up` is 0.
import type pg from 'pg';
import { Gauge, Registry } from 'prom-client';

type Pool = Pick<pg.Pool, 'connect'>;

export interface DatabaseSnapshot {
  inbox: {
    pending: number;
    ignored: number;
    oldestPendingSeconds: number | null;
    lagP50: number | null;
    lagP95: number | null;
    lagMax: number | null;
  };
  churn: Array<{
    pooled: boolean;
    models: number;
    aucMin: number | null;
    aucMedian: number | null;
    eceMedian: number | null;
    eceMax: number | null;
    maxAgeSeconds: number | null;
    weak: number;
  }>;
}

/** A model whose held-out AUC is below this is counted as weak. */
export const WEAK_AUC = 0.6;

// Pending = will be applied or retried: a known company's `pending` or `failed` events. Ignored types, dead
// events and events of companies not in Pulse (kept for a while in case they link) are not a backlog.
const pendingSql = `state in ('pending', 'failed') and company_id is not null`;
const inboxSql = `select
  count(*) filter (where not (${pendingSql})) as ignored,
  count(*) filter (where ${pendingSql}) as pending,
  extract(epoch from now() - min(received_at) filter (where ${pendingSql})) as oldest
  from webhook_inbox where applied_at is null`;

// Lag over the last 1,000 events received (the primary key walked backwards: no scan of the whole inbox);
// an event still waiting counts with its age so far.
const lagSql = `select percentile_cont(0.5) within group (order by lag) as p50, percentile_cont(0.95) within group (order by lag) as p95, max(lag) as max
  from (select extract(epoch from coalesce(applied_at, now()) - received_at) as lag
        from (select received_at, applied_at, state, company_id from webhook_inbox order by id desc limit 1000) recent
        where applied_at is not null or (${pendingSql})) l`;

const churnSql = `with latest as (
    select distinct on (company_id) company_id, trained_at, (metrics->>'auc')::float8 as auc, (metrics->>'ece')::float8 as ece
    from churn_model_runs where source in ('company', 'pooled') order by company_id, trained_at desc, id desc)
  select company_id is null as pooled, count(*) as models, min(auc) as auc_min, percentile_cont(0.5) within group (order by auc) as auc_median,
    percentile_cont(0.5) within group (order by ece) as ece_median, max(ece) as ece_max,
    max(extract(epoch from now() - trained_at)) as max_age, count(*) filter (where auc < ${WEAK_AUC}) as weak
  from latest group by company_id is null`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readDatabaseSnapshot(pool: Pool): Promise<DatabaseSnapshot> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = '2s'`);
    const inbox = (await client.query(inboxSql)).rows[0] ?? {};
    const lag = (await client.query(lagSql)).rows[0] ?? {};
    const churn = (await client.query(churnSql)).rows;
    await client.query('COMMIT');
    return {
      inbox: {
        pending: Number(inbox.pending ?? 0),
        ignored: Number(inbox.ignored ?? 0),
        oldestPendingSeconds: num(inbox.oldest),
        lagP50: num(lag.p50),
        lagP95: num(lag.p95),
        lagMax: num(lag.max),
      },
      churn: churn.map((r) => ({
        pooled: Boolean(r.pooled),
        models: Number(r.models),
        aucMin: num(r.auc_min),
        aucMedian: num(r.auc_median),
        eceMedian: num(r.ece_median),
        eceMax: num(r.ece_max),
        maxAgeSeconds: num(r.max_age),
        weak: Number(r.weak),
      })),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The snapshot, read at most once per `maxAgeMs`; concurrent callers share one read. */
export function cachedSnapshot(pool: Pool, maxAgeMs: number): () => Promise<DatabaseSnapshot | undefined> {
  let last: { at: number; value: DatabaseSnapshot | undefined } | undefined;
  let reading: Promise<DatabaseSnapshot | undefined> | undefined;
  return () => {
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last.value);
    // A pool with every connection busy would queue the read: a scrape waits 3 s at most.
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000).unref());
    reading ??= Promise.race([readDatabaseSnapshot(pool), timeout])
      .catch(() => undefined)
      .then((value) => {
        last = { at: Date.now(), value };
        reading = undefined;
        return value;
      });
    return reading;
  };
}

/** A registry of the database gauges for one pool (merged with the process registry by /metrics). */
export function databaseGauges(pool: Pool, opts: { maxAgeMs?: number } = {}): Registry {
  const registry = new Registry();
  const snapshot = cachedSnapshot(pool, opts.maxAgeMs ?? 15_000);
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: DatabaseSnapshot) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        if (s) fill(this, s);
      },
    });
  const set = (g: Gauge, labels: Record<string, string>, v: number | null) => {
    if (v !== null && Number.isFinite(v)) g.set(labels, v);
  };

  new Gauge({
    name: 'pulse_database_up',
    help: '1 when the last read of the database gauges worked',
    registers: [registry],
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  gauge(
    'pulse_webhook_inbox_unapplied',
    'Stored webhooks not applied: pending (will be applied or retried) or ignored (unknown company or type)',
    ['state'],
    (g, s) => {
      g.set({ state: 'pending' }, s.inbox.pending);
      g.set({ state: 'ignored' }, s.inbox.ignored);
    },
  );
  gauge('pulse_webhook_inbox_oldest_pending_seconds', 'Age of the oldest pending (unapplied) webhook', [], (g, s) =>
    set(g, {}, s.inbox.oldestPendingSeconds ?? 0),
  );
  gauge(
    'pulse_webhook_apply_lag_seconds',
    'Received to applied, over the last 1000 webhooks received (a waiting one counts its age)',
    ['stat'],
    (g, s) => {
      set(g, { stat: 'p50' }, s.inbox.lagP50);
      set(g, { stat: 'p95' }, s.inbox.lagP95);
      set(g, { stat: 'max' }, s.inbox.lagMax);
    },
  );
  gauge(
    'pulse_churn_models',
    'Latest churn models: the pooled one, and companies with a model of their own',
    ['scope'],
    (g, s) => {
      g.set({ scope: 'pooled' }, s.churn.find((c) => c.pooled)?.models ?? 0);
      g.set({ scope: 'company' }, s.churn.find((c) => !c.pooled)?.models ?? 0);
    },
  );
  gauge(
    'pulse_churn_model_auc',
    'Held-out AUC of the latest churn models (pooled: latest; company: min and median over companies)',
    ['scope', 'stat'],
    (g, s) => {
      for (const c of s.churn) {
        if (c.pooled) set(g, { scope: 'pooled', stat: 'latest' }, c.aucMedian);
        else {
          set(g, { scope: 'company', stat: 'min' }, c.aucMin);
          set(g, { scope: 'company', stat: 'median' }, c.aucMedian);
        }
      }
    },
  );
  gauge(
    'pulse_churn_model_ece',
    'Expected calibration error of the latest churn models (pooled: latest; company: median and max)',
    ['scope', 'stat'],
    (g, s) => {
      for (const c of s.churn) {
        if (c.pooled) set(g, { scope: 'pooled', stat: 'latest' }, c.eceMedian);
        else {
          set(g, { scope: 'company', stat: 'median' }, c.eceMedian);
          set(g, { scope: 'company', stat: 'max' }, c.eceMax);
        }
      }
    },
  );
  gauge(
    'pulse_churn_model_age_seconds',
    'Time since the latest churn model was trained (company: the oldest of the latest)',
    ['scope'],
    (g, s) => {
      for (const c of s.churn) set(g, { scope: c.pooled ? 'pooled' : 'company' }, c.maxAgeSeconds);
    },
  );
  gauge(
    'pulse_churn_company_models_weak',
    `Companies whose latest own churn model has AUC below ${WEAK_AUC}`,
    [],
    (g, s) => g.set(s.churn.find((c) => !c.pooled)?.weak ?? 0),
  );
  return registry;
}
