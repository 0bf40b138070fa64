// The services chat handlers, report pages and jobs share, built once per process from the config: a plain
// pg pool for core's raw-SQL services, the clock, the report-link signer, the coach, the bot's Discord DMs and
// the first-sync queue.
import type pg from 'pg';
import type { Config } from '../core/config.ts';
import { openPool } from '../core/db/pool.ts';
import type { BotDeps, BotLogger } from '../bot/deps.ts';
import { createCoach } from '../core/coach/index.ts';
import { createReportLinks } from '../core/reports/index.ts';
import { discordDirectMessages } from '../bot/discord/direct-message.ts';
import { discordRest } from '../bot/discord/rest.ts';
import { agendaFirstSync } from './link/first-sync.ts';

export interface SharedDeps extends BotDeps {
  close(): Promise<void>;
}

export function buildSharedDeps(
  config: Config,
  log: BotLogger,
  opts: { now?: () => Date; db?: pg.Pool } = {},
): SharedDeps {
  const db =
    opts.db ??
    openPool(config.DATABASE_URL, {
      max: 10,
      onError: (err) => log.warn({ err: err.message }, 'idle database connection lost'),
    });
  const now = opts.now ?? (() => new Date());
  const deps: BotDeps = {
    config,
    db,
    now,
    log,
    coach: createCoach({ db, config, now, log }),
    reports: createReportLinks({ db, secret: config.PULSE_SECRET, publicUrl: config.PUBLIC_URL, now }),
    // "Reach out" DMs a member from the bot when Discord is configured (whichever platform the admin clicked in).
    ...(config.DISCORD_TOKEN
      ? {
          directMessages: discordDirectMessages(
            discordRest({ token: config.DISCORD_TOKEN, apiBase: config.DISCORD_API_BASE_URL }),
          ),
        }
      : {}),
    queueFirstSync: agendaFirstSync(config.DATABASE_URL, db),
  };
  return {
    ...deps,
    close: async () => {
      if (!opts.db) await db.end();
    },
  };
}
