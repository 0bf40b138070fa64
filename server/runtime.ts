// Process plumbing shared by the entry points: config that fails fast (exit 2, variable name only),
// demo defaults for what is unset.
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

export function configOrExit(env: NodeJS.ProcessEnv = process.env, opts: { needSecret?: boolean } = {}): Config {
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
  if (!out.WHOP_WEBHOOK_SECRET) out.WHOP_WEBHOOK_SECRET = demoSecret('whop-webhook-secret', () => `ws_${randomBytes(24).toString('hex')}`);
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
  process.stderr.write('pulse: PULSE_SECRET is not set: using the demo\'s secret from .data/pulse-secret\n');
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
