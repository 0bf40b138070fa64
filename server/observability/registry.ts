// The process's Prometheus metrics (one registry per process, whatever number of apps it builds): default
// process metrics, HTTP latency by route, job durations and failures, chat deliveries. Label values are
// bounded sets (route patterns, job names, platforms, kinds), never ids, so the series count stays small.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AttemptOutcome } from '../../core/delivery/index.ts';

export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'pulse_' });

const httpDuration = new Histogram({
  name: 'pulse_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern, method and status class',
  labelNames: ['route', 'method', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

const jobDuration = new Histogram({
  name: 'pulse_job_duration_seconds',
  help: 'Agenda job run time by job name and outcome',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800],
  registers: [processRegistry],
});

const jobFailures = new Counter({
  name: 'pulse_job_failures_total',
  help: 'Agenda job runs that failed, by job name',
  labelNames: ['job'] as const,
  registers: [processRegistry],
});

const deliveries = new Counter({
  name: 'pulse_deliveries_total',
  help: 'Digest and alert deliveries to chat by platform, kind and outcome',
  labelNames: ['platform', 'kind', 'outcome'] as const,
  registers: [processRegistry],
});

const rateLimited = new Counter({
  name: 'pulse_http_rate_limited_total',
  help: 'Requests refused with 429 by the per-address edge limits, by endpoint group (whop, discord, slack, reports)',
  labelNames: ['group'] as const,
  registers: [processRegistry],
});

const readinessChecks = new Counter({
  name: 'pulse_readiness_checks_total',
  help: 'Readiness checks that queried the database (GET /readyz answers from a cache at most a second old)',
  registers: [processRegistry],
});

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One finished HTTP request. `route` is the route pattern (`/r/:token`), never the raw URL. */
export function observeHttp(route: string | undefined, method: string, status: number, ms: number): void {
  httpDuration.observe(
    {
      route: route ?? 'unmatched',
      method: methods.has(method) ? method : 'OTHER',
      status_class: `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx`,
    },
    ms / 1000,
  );
}

/** One finished job run: what the worker (or any job) calls. `name` is the job's definition name. */
export function observeJob(name: string, ms: number, ok: boolean): void {
  jobDuration.observe({ job: name, outcome: ok ? 'success' : 'failure' }, ms / 1000);
  if (!ok) jobFailures.inc({ job: name });
  else jobFailures.inc({ job: name }, 0); // the series exists (at 0) once a job has run
}

/** The ledger's attempt outcomes (core/delivery AttemptOutcome['status']). */
export type DeliveryOutcome = AttemptOutcome['status'];

/**
 * One delivery attempt's outcome, as the ledger recorded it: `posted`; `retry` (transient error, tried again
 * later); `failed` (permanent); `released` (the worker stopped before trying); `superseded` (another worker
 * took it over). `kind` is the ledger's kind (`daily_digest`, `churn_alert`, ...): a small fixed set, never an id.
 */
export function countDelivery(platform: 'discord' | 'slack', kind: string, outcome: DeliveryOutcome): void {
  deliveries.inc({ platform, kind, outcome });
}

/** One request refused by an edge rate limit (`group` is one of a fixed few). */
export function countRateLimited(group: string): void {
  rateLimited.inc({ group });
}

/** One readiness check that went to the database. */
export function countReadinessCheck(): void {
  readinessChecks.inc();
}
