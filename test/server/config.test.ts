// A bad or missing environment value: one line naming the variable (never its value), exit code 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { loadConfig, ConfigError } from '../../core/config.ts';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', PULSE_SECRET: 'k'.repeat(40) };

function runCli(env: Record<string, string>, args = ['serve']) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in base) && !k.startsWith('DISCORD') && k !== 'PORT'),
  );
  return spawnSync(process.execPath, ['server/cli.ts', ...args], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('config', () => {
  it('applies defaults and derives PUBLIC_URL', () => {
    const c = loadConfig(base);
    expect(c.PORT).toBe(3000);
    expect(c.PULSE_ROLE).toBe('all');
    expect(c.PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(c.WHOP_API_BASE_URL).toBe('https://api.whop.com/api/v1');
  });

  it('names the variable, never the value', () => {
    const secret = 'tooshort-SECRETVALUE';
    let caught: unknown;
    try {
      loadConfig({ ...base, PULSE_SECRET: secret });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe('PULSE_SECRET');
    expect((caught as Error).message).not.toContain(secret);
  });

  it('treats an empty value as unset and reports a missing required one', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: '' })).toThrow(/^DATABASE_URL is required but not set$/);
    expect(() => loadConfig({ ...base, PULSE_SECRET: '' })).toThrow(/^PULSE_SECRET is required but not set$/);
    expect(loadConfig({ ...base, PULSE_SECRET: '' }, { needSecret: false }).DATABASE_URL).toBe(base.DATABASE_URL);
  });

  it('rejects bad enums, ports and keys', () => {
    expect(() => loadConfig({ ...base, PULSE_ROLE: 'boss' })).toThrow(/^PULSE_ROLE/);
    expect(() => loadConfig({ ...base, PORT: '70000' })).toThrow(/^PORT/);
    expect(() => loadConfig({ ...base, DISCORD_PUBLIC_KEY: 'xyz' })).toThrow(/^DISCORD_PUBLIC_KEY/);
    expect(() => loadConfig({ ...base, WHOP_API_BASE_URL: 'ftp://x' })).toThrow(/^WHOP_API_BASE_URL/);
  });

  it('the CLI exits 2 with one line naming the variable', () => {
    const r = runCli({ ...base, DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pulse: config: DATABASE_URL/);
    expect(r.stderr).not.toContain('hunter2');
    const p = runCli({ ...base, PORT: 'eighty' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim()).toMatch(/^pulse: config: PORT is invalid/);
  });

  it('the CLI refuses an unknown verb or option with exit 2', () => {
    expect(runCli(base, ['frobnicate']).status).toBe(2);
    const r = runCli(base, ['demo', '--members', 'many', '--no-serve']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('pulse: demo: --members must be a positive integer');
    const role = runCli(base, ['serve', '--role', 'boss']);
    expect(role.status).toBe(2);
    expect(role.stderr.trim()).toBe('pulse: serve: --role must be all, web, worker or gateway');
  });
});
