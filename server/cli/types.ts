// The shape of a CLI verb. Its declaration (summary, options with their help text, sub-verbs, which settings it
// needs) is all `pulse help` and every `--help` read; its handler lives in the verb's own module, which
// `load()` imports only when the verb runs, so asking for help never loads the database, the server or the demo.
import type { ParseArgsOptionDescriptor } from 'node:util';
import type { Config } from '../../core/config.ts';

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

/**
 * What runs a verb: the parsed options, the positionals (a sub-verb's name first) and the verb's own
 * declaration (for usage lines in its errors).
 */
export type VerbHandler = (
  config: Config,
  values: Record<string, string | boolean | undefined>,
  positionals: string[] | undefined,
  verb: Verb,
) => Promise<void>;

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
  /** Imports the verb's module (only when it runs) and returns its handler. */
  load(): Promise<VerbHandler>;
}
