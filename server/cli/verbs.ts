// One entry per CLI verb: its summary, options (with their help text) and a handler. Handlers parse input, call
// core/, print. `pulse help` and every `--help` are rendered from these declarations (help.ts).
import type { ParseArgsOptionDescriptor } from 'node:util';
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
import { companyVerb } from './company.ts';
import { memberVerb } from './member.ts';
import { start } from '../main.ts';
import { UsageError } from '../runtime.ts';

/** A parseArgs option and what its help says: `value` names a string option's argument (`<id>`). */
export interface OptionSpec extends ParseArgsOptionDescriptor {
  help: string;
  value?: string;
  /** Shown bare (not in brackets) in the usage line; the handler still checks it. */
  required?: boolean;
}
export type Options = Record<string, OptionSpec>;

/** `pulse company add`: a sub-verb's own options; `args` names its positional arguments (none when unset). */
export interface SubVerb {
  summary: string;
  args?: string;
  options: Options;
}

export interface Verb {
  /** One line for `pulse help`. */
  summary: string;
  /** Options of a verb without sub-verbs (a verb with sub-verbs takes each sub-verb's options). */
  options: Options;
  /** `pulse webhooks replay`: the handler gets the sub-verb's name as positionals[0], then its arguments. */
  subverbs?: Record<string, SubVerb>;
  /** Fill unset secrets and the database with the demo defaults (docs/architecture.md#environment). */
  demoDefaults?: boolean;
  /** Beside a demo in this checkout, an unset PULSE_SECRET falls back to the demo's generated one (report-link). */
  demoSecret?: boolean;
  /** Verbs that touch only the database do not need PULSE_SECRET. */
  needSecret?: boolean;
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
  company: companyVerb,
  member: memberVerb,
  serve: {
    summary: 'start a role on a migrated database (the HTTP server, the worker, the Discord gateway)',
    // --role overrides PULSE_ROLE (fly.toml's process groups share one environment).
    options: { role: { type: 'string', value: '<role>', help: 'all, web, worker or gateway (default: PULSE_ROLE)' } },
    handler: async (config, values) => {
      const role = values.role ?? config.PULSE_ROLE;
      if (role !== 'all' && role !== 'web' && role !== 'worker' && role !== 'gateway') throw new UsageError('--role must be all, web, worker or gateway');
      const { url } = await start({ ...config, PULSE_ROLE: role });
      process.stderr.write(`pulse: ${role} listening on ${url}\n`);
    },
  },
};
