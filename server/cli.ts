// `pulse <verb>`: the operator CLI (ARCHITECTURE.md "CLI"). Bad input exits 2 with one line.
import { parseArgs } from 'node:util';
import { configOrExit, demoEnv, fail, UsageError, withDemoSecret } from './runtime.ts';
import { verbs } from './cli/verbs.ts';

const help = `pulse <verb> [options]

  migrate [--create <name>]     apply pending migrations (or create an empty one)
  demo [--members N] [--seed S] seed a simulated community and run the whole product
  serve [--role <role>]         start a role (all, web, worker, gateway; default PULSE_ROLE) on a migrated database
  sync --company <id> [--full]  sync a company from Whop (resumes an interrupted sync)
  webhooks replay [--since <date>] [--company <id>] [--unapplied]
                                re-apply stored Whop webhooks (idempotent)
  metrics --company <id> --from <date> --to <date> [--json] [--as-of <time>]
                                revenue figures of a period (--to is the last day included)
  churn --company <id> [--json] [--as-of <time>]
                                score every counted member: probability, risk, top factors
  link --company <id> (--discord <guild id> | --slack <team id>)
                                attach a Discord server or Slack workspace to a company
  register-commands [--guild <id>]
                                register Pulse's slash commands with Discord (globally, or in one server)
  report-link --company <id> --kind <kind> [--expires <days>] [--member <whop user id>] [--period <name>]
                                print a signed report URL (kinds: overview, revenue, engagement, churn, content, member)
  help                          this text
`;

async function main(argv: string[]): Promise<void> {
  const [verb = 'help', ...rest] = argv;
  if (verb === 'help' || verb === '--help' || verb === '-h') {
    process.stdout.write(help);
    return;
  }
  const run = verbs[verb];
  if (!run) fail(`unknown verb "${verb}" (try: pulse help)`);
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: rest, options: run.options, strict: true, allowPositionals: run.positionals === true });
    } catch (err) {
      return fail(`${verb}: ${(err as Error).message}`);
    }
  })();
  const needSecret = run.needSecret !== false;
  const config = configOrExit(run.demoDefaults ? demoEnv() : run.demoSecret ? withDemoSecret() : process.env, { needSecret });
  try {
    await run.handler(config, values as Record<string, string | boolean | undefined>, positionals);
  } catch (err) {
    if (err instanceof UsageError) fail(`${verb}: ${err.message}`);
    throw err;
  }
}

await main(process.argv.slice(2));
