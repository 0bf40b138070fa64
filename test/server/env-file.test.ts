// A .env in the working directory is read before the environment is validated; a variable set in the real
// environment wins over the file; a missing .env changes nothing; a malformed one is one line and exit 2 that
// names the line, never its value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envFileProblem } from '../../server/runtime.ts';

const cli = join(import.meta.dirname, '../../server/cli.ts');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runIn(envFile: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-env-'));
  dirs.push(dir);
  writeFileSync(join(dir, '.env'), envFile);
  return spawnSync(process.execPath, [cli, 'serve'], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('.env', () => {
  it('is loaded, and the real environment wins over it', () => {
    // PULSE_ROLE comes before PUBLIC_URL in the schema: were the file's PULSE_ROLE used, it would be the error.
    const r = runIn('# local settings\nPULSE_ROLE=boss\nPUBLIC_URL=ftp://from-the-file\n', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      PULSE_SECRET: 'k'.repeat(40),
      PULSE_ROLE: 'web',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^pulse: config: PUBLIC_URL is invalid/);
    expect(r.stderr).not.toContain('from-the-file');
  });

  it('a malformed file: one line naming the line, never its content, exit 2', () => {
    const r = runIn('DATABASE_URL=postgres://127.0.0.1/x\nhunter2-password-pasted-here\n', {
      PULSE_SECRET: 'k'.repeat(40),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pulse: .env line 2 is not NAME=value\n');
  });

  it('tells well-formed from malformed text (comments, export, quotes over several lines)', () => {
    expect(envFileProblem('# c\n\nA=1\nexport B="x y"\n  C = \'q\'\nD="line one\nline two"\nE=\n')).toBeNull();
    expect(envFileProblem('A=1\n= no name\n')).toBe('line 2 is not NAME=value');
    expect(envFileProblem('A="never closed\nB=2\n')).toBe('line 1 opens a quote that is never closed');
    expect(envFileProblem('1A=x\n')).toBe('line 1 is not NAME=value');
  });
});
