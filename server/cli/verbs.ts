// One entry per CLI verb: its options and a handler. Handlers parse input, call core/, print.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Config } from '../../core/config.ts';
import { migrateVerb } from './migrate.ts';
import { demoVerb } from './demo.ts';
import { syncVerb } from './sync.ts';
import { webhooksVerb } from './webhooks.ts';
import { churnVerb } from './churn.ts';
import { metricsVerb } from './metrics.ts';
import { linkVerb } from './link.ts';
import { registerCommandsVerb } from './register-commands.ts';
import { reportLinkVerb } from './report-link.ts';
import { start } from '../main.ts';
import { UsageError } from '../runtime.ts';

export interface Verb {
  options: ParseArgsOptionsConfig;
  /** Fill unset secrets and the database with the demo defaults (ARCHITECTURE.md). */
  demoDefaults?: boolean;
  /** Beside a demo in this checkout, an unset PULSE_SECRET falls back to the demo's generated one (report-link). */
  demoSecret?: boolean;
  /** Verbs that touch only the database do not need PULSE_SECRET. */
  needSecret?: boolean;
  /** Verbs with sub-commands (`pulse webhooks replay`) take positional arguments. */
  positionals?: boolean;
  handler(config: Config, values: Record<string, string | boolean | undefined>, positionals?: string[]): Promise<void>;
}

export const verbs: Record<string, Verb> = {
  migrate: migrateVerb,
  demo: demoVerb,
  sync: syncVerb,
  webhooks: webhooksVerb,
  churn: churnVerb,
  metrics: metricsVerb,
  link: linkVerb,
  'register-commands': registerCommandsVerb,
  'report-link': reportLinkVerb,
  serve: {
    // --role overrides PULSE_ROLE (fly.toml's process groups share one environment).
    options: { role: { type: 'string' } },
    handler: async (config, values) => {
      const role = values.role ?? config.PULSE_ROLE;
      if (role !== 'all' && role !== 'web' && role !== 'worker' && role !== 'gateway') throw new UsageError('--role must be all, web, worker or gateway');
      const { url } = await start({ ...config, PULSE_ROLE: role });
      process.stderr.write(`pulse: ${role} listening on ${url}\n`);
    },
  },
};
