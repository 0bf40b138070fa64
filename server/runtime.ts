// Process plumbing shared by the entry points: a .env in the working directory read first, config that fails
// fast (exit 2, variable name only), demo defaults for what is unset.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../core/config.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export class UsageError extends Error {}

/** Exit with one clear line and code 2 (bad config or bad input). */
export function fail(message: string, code = 2): never {
  process.stderr.write(`pulse: ${message}\n`);
  process.exit(code);
}

/** What is wrong with a .env text (null: nothing), by line number only: a value may be a secret. */
export function envFileProblem(text: string): string | null {
  let open: { quote: string; line: number } | null = null;
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (open) {
      if (line.includes(open.quote)) open = null;
      continue;
    }
    if (/^\s*(?:#|$)/.test(line)) continue;
    const value = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line)?.[1];
    if (value === undefined) return `line ${i + 1} is not NAME=value`;
    const quote = value[0];
    // A quoted value may go on over several lines (Node's .env parser allows it) until its closing quote.
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote))
      open = { quote, line: i + 1 };
  }
  return open ? `line ${open.line} opens a quote that is never closed` : null;
}

let envFileRead = false;

/**
 * Reads ./.env into process.env once, before validation. process.loadEnvFile never replaces a variable that is
 * already set (even to ''), so the real environment wins. No .env is fine; Node's parser skips lines it does not
 * understand, so a malformed file is checked first and exits 2 naming the line.
 */
export function loadEnvFileOrExit(path = '.env'): void {
  if (envFileRead) return;
  envFileRead = true;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    fail(`.env cannot be read (${code ?? 'unknown error'})`);
  }
  const problem = envFileProblem(text);
  if (problem) fail(`.env ${problem}`);
  process.loadEnvFile(path);
}

export function configOrExit(env: NodeJS.ProcessEnv = process.env, opts: { needSecret?: boolean } = {}): Config {
  if (env === process.env) loadEnvFileOrExit();
  try {
    return loadConfig(env, opts);
  } catch (err) {
    if (err instanceof ConfigError) fail(`config: ${err.message}`);
    throw err;
  }
}

/** The demo honours every variable that is set and fills in only what is unset. */
export function demoEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  if (!out.PULSE_SECRET) out.PULSE_SECRET = demoSecret('pulse-secret', () => randomBytes(32).toString('base64url'));
  // Whop dashboard secrets look like ws_<hex>; the fake Whop's webhook sender signs with it.
  if (!out.WHOP_WEBHOOK_SECRET)
    out.WHOP_WEBHOOK_SECRET = demoSecret('whop-webhook-secret', () => `ws_${randomBytes(24).toString('hex')}`);
  if (!out.DATABASE_URL) out.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/pulse_demo';
  return out;
}

/**
 * For verbs run beside a demo in this checkout (`./pulse report-link ...` in another terminal): PULSE_SECRET
 * unset but the demo's generated one in .data/ -> use it (said on stderr), so the link verifies on the demo
 * server. Production sets PULSE_SECRET (and its image has no .data/), so nothing changes there.
 */
export function withDemoSecret(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = join(repoRoot, '.data', 'pulse-secret');
  if (env.PULSE_SECRET || !existsSync(file)) return env;
  process.stderr.write("pulse: PULSE_SECRET is not set: using the demo's secret from .data/pulse-secret\n");
  return { ...env, PULSE_SECRET: readFileSync(file, 'utf8').trim() };
}

/** A secret generated once into .data/<name> (mode 0600) and reused by later demo runs. */
function demoSecret(name: string, make: () => string): string {
  const file = join(repoRoot, '.data', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = make();
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Graceful shutdown lives in shutdown.ts (kept importable from here). */
export { onShutdown } from './shutdown.ts';
