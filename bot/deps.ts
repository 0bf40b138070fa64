// The app-wide services every chat handler, button action, scheduled message and job receives: the database,
// the clock, configuration, a logger, and the report-link and coach services. Kept apart from the command
// contract (commands/types.ts) because the adapters, jobs and server build or pass it without knowing commands;
// server/bot-deps.ts builds it once per process (SharedDeps adds closing it).
import type pg from 'pg';
import type { Config } from '../core/config.ts';
import type { DirectMessenger } from '../core/outreach/delivery.ts';

/** Minimal structured logger (pino's shape), so handlers log without knowing Fastify. */
export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Signed report links (core/reports implements them; unset in an install without report pages, where /report says so). */
export interface ReportLinks {
  create(input: {
    companyId: number;
    kind: string;
    params?: Record<string, unknown>;
    createdBy: string;
    expiresInDays?: number;
  }): Promise<{ url: string; tokenId: string; expiresAt: Date }>;
  /** Revokes one link (by token id) or, with `all`, every live link of the company; returns how many. */
  revoke(input: { companyId: number; tokenId?: string; all?: boolean }): Promise<number>;
  list(
    companyId: number,
  ): Promise<{ tokenId: string; kind: string; createdBy: string; createdAt: Date; expiresAt: Date }[]>;
}

/** The AI coach (core/coach; /ask calls it). Optional, so a process without the coach still answers every other command. */
export interface Coach {
  ask(input: {
    companyId: number;
    workspaceLinkId: number | null;
    userRef: string;
    question: string;
    asOf: Date;
    /** The channel asked in (conversations may be kept per channel). */
    channelId?: string | null;
    /** The asker may see member-level data (names). */
    memberNames?: boolean;
  }): Promise<{
    text: string;
    /** 'model <name>' or 'offline analyst'. */
    answeredBy: string;
    tokens: number;
    /** Member names are in the answer (absent: treated as true). */
    memberLevel?: boolean;
  }>;
}

/** What handlers may reach: the database, the clock, configuration and the services behind /report and /ask. */
export interface BotDeps {
  config: Config;
  /** Plain pg pool (core/db/pool.ts): core services take it as Queryable; `connect()` for transactions. */
  db: pg.Pool;
  /** The clock: every figure is as of `now()`. */
  now: () => Date;
  log: BotLogger;
  reports?: ReportLinks;
  coach?: Coach;
  /** Discord DMs from Pulse's bot ("Reach out" on a churn row), where the bot is configured. */
  directMessages?: DirectMessenger;
  /** Queues a newly linked company's first sync at once (when it has never synced); absent, the scheduler's next tick does. */
  queueFirstSync?: (companyId: number) => Promise<boolean>;
}
