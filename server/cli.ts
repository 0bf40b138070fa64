// `pulse <verb>`: the operator CLI (docs/architecture.md#cli). Bad input exits 2 with one line. `pulse help` and
// `pulse <verb> [<sub-verb>] --help` (or -h) print usage rendered from the verbs' own declarations (cli/help.ts)
// without loading any verb's module: a verb's module is imported only when that verb runs (cli/verbs.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { configOrExit, demoEnv, fail, loadEnvFileOrExit, UsageError, withDemoSecret } from './runtime.ts';
import { commandHelp, overview, verbHelp } from './cli/help.ts';
import type { SubVerb, Verb, VerbHandler } from './cli/types.ts';
import { verbs } from './cli/verbs.ts';

type Out = { write(text: string): unknown };
type Values = Record<string, string | boolean | undefined>;

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

/** The options of `command` parsed from `args`, or 'help' when asked for (even beside a bad option). */
function parse(
  command: string,
  spec: Verb | SubVerb,
  args: string[],
): { values: Values; positionals: string[] } | 'help' {
  const options: ParseArgsOptionsConfig = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: 'args' in spec && spec.args !== undefined,
    });
    if (values.help) return 'help';
    delete values.help;
    return { values: values as Values, positionals };
  } catch (err) {
    if (args.some(isHelp)) return 'help';
    return fail(`${command}: ${(err as Error).message} (see: pulse ${command} --help)`);
  }
}

async function loadHandler(name: string, verb: Verb): Promise<VerbHandler> {
  try {
    return await verb.load();
  } catch (err) {
    if (err instanceof UsageError) fail(`${name}: ${err.message}`);
    throw err;
  }
}

export async function main(argv: string[], out: Out = process.stdout): Promise<void> {
  const [name = 'help', ...rest] = argv;
  if (name === 'help' || isHelp(name)) {
    const topic = rest[0] === undefined ? undefined : verbs[rest[0]];
    if (rest[0] !== undefined && !topic) fail(`unknown verb "${rest[0]}" (try: pulse help)`);
    out.write(topic ? verbHelp(rest[0]!, topic) : overview(verbs));
    return;
  }
  const verb = verbs[name];
  if (!verb) fail(`unknown verb "${name}" (try: pulse help)`);
  let command = name;
  let spec: Verb | SubVerb = verb;
  let args = rest;
  let sub: string | undefined;
  if (verb.subverbs) {
    [sub, ...args] = rest;
    if (isHelp(sub)) {
      out.write(verbHelp(name, verb));
      return;
    }
    const which = Object.keys(verb.subverbs).join('|');
    if (sub === undefined) fail(`${name}: which one? pulse ${name} ${which} (see: pulse ${name} --help)`);
    const subSpec = verb.subverbs[sub];
    if (!subSpec) fail(`${name}: unknown sub-verb "${sub}" (pulse ${name} ${which})`);
    command = `${name} ${sub}`;
    spec = subSpec;
  }
  const parsed = parse(command, spec, args);
  if (parsed === 'help') {
    out.write(commandHelp(command, spec));
    return;
  }
  // The verb's module loads only now (help never loads it), and before the settings are checked, so an
  // installation without the demo says so rather than asking for settings first.
  const handler = await loadHandler(name, verb);
  loadEnvFileOrExit();
  const needSecret = verb.needSecret !== false;
  const config = configOrExit(verb.demoDefaults ? demoEnv() : verb.demoSecret ? withDemoSecret() : process.env, {
    needSecret,
  });
  try {
    await handler(config, parsed.values, sub === undefined ? parsed.positionals : [sub, ...parsed.positionals], verb);
  } catch (err) {
    if (err instanceof UsageError) fail(`${name}: ${err.message}`);
    throw err;
  }
}

// import.meta.main is Node >= 22.18; older 22s run this file as the entry point when argv[1] names it.
const isEntry =
  import.meta.main || (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url));
if (isEntry) await main(process.argv.slice(2));
