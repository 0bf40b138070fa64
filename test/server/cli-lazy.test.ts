// The CLI loads a verb's module only when the verb runs: `pulse help` and `--help` read declarations alone
// (server/cli/verbs.ts), and in an installation without demo/ (the production image) `pulse demo` says so with
// exit code 2 instead of crashing on a missing module. Real processes, real files: the image case runs the
// Dockerfile's own COPY list (test/ops/image-plan.ts) in a temporary directory.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readImagePlan } from '../ops/image-plan.ts';

const root = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'pulse-cli-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Our modules (outside node_modules) that `node server/cli.ts …args` loaded, relative to the root. */
function modulesLoadedBy(args: string[]): string[] {
  const record = join(scratch, `loads-${args.join('-')}.txt`);
  const run = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(root, 'test/helpers/record-loads.ts')).href, 'server/cli.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PULSE_RECORD_LOADS: record },
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const base = pathToFileURL(root).href + '/';
  return readFileSync(record, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith(base) && !u.includes('/node_modules/'))
    .map((u) => u.slice(base.length));
}

describe('pulse CLI start', () => {
  it.each(['help', 'churn --help', 'company add --help', 'demo --help'])(
    'pulse %s loads no verb module, no database, server or demo code',
    (command) => {
      const loaded = modulesLoadedBy(command.split(' '));
      expect(loaded).toContain('server/cli/verbs.ts');
      const verbModules = loaded.filter((m) => /^server\/cli\/(?!verbs|types|help)[\w-]+\.ts$/.test(m));
      expect(verbModules).toEqual([]);
      expect(
        loaded.filter(
          (m) => m.startsWith('demo/') || m.startsWith('core/db/') || m === 'server/main.ts' || m.startsWith('bot/'),
        ),
      ).toEqual([]);
    },
  );

  it("in the image (the Dockerfile's files, no demo/), pulse demo says the installation has no demo", () => {
    const app = join(scratch, 'image');
    for (const { from, to } of readImagePlan(root).copies)
      cpSync(join(root, from), join(app, to, to.endsWith('/') ? basename(from) : ''), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
    const run = spawnSync(process.execPath, ['server/cli.ts', 'demo', '--no-serve'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://127.0.0.1:1/none' },
    });
    expect(run.stderr).toContain('demo: this installation has no demo');
    expect(run.status).toBe(2);
  });
});
