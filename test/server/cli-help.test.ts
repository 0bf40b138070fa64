// `pulse <verb> --help` for every verb and sub-verb: exit 0 and every option the verb parses, taken from the
// verb table itself (so an option added to a verb cannot be missing from its help). In-process through the
// CLI's own main(); one real process proves the exit code and stdout of the command line.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../server/cli.ts';
import { verbs } from '../../server/cli/verbs.ts';

async function helpOf(argv: string[]): Promise<string> {
  let text = '';
  await main(argv, {
    write: (s: string) => {
      text += s;
      return true;
    },
  });
  return text;
}

const optionNames = (options: Record<string, unknown>) => Object.keys(options).map((o) => `--${o}`);

describe('pulse <verb> --help', () => {
  it('every verb prints its usage and each of its options, with --help and -h alike', async () => {
    for (const [name, verb] of Object.entries(verbs)) {
      const text = await helpOf([name, '--help']);
      expect(text, name).toMatch(new RegExp(`^usage: pulse ${name}\\b`));
      expect(text, name).toContain(verb.summary);
      for (const option of optionNames(verb.options)) expect(text, `${name} ${option}`).toContain(option);
      expect(await helpOf([name, '-h'])).toBe(text);
    }
  });

  it('a verb with sub-verbs lists them, and each sub-verb prints its own options', async () => {
    const withSubs = Object.entries(verbs).filter(([, v]) => v.subverbs);
    expect(withSubs.map(([n]) => n).sort()).toEqual(['company', 'member', 'webhooks']);
    for (const [name, verb] of withSubs) {
      const text = await helpOf([name, '--help']);
      for (const [sub, spec] of Object.entries(verb.subverbs!)) {
        expect(text, `${name} ${sub}`).toContain(`pulse ${name} ${sub}`);
        const subText = await helpOf([name, sub, '--help']);
        expect(subText).toMatch(new RegExp(`^usage: pulse ${name} ${sub}\\b`));
        expect(subText).toContain(spec.summary);
        for (const option of optionNames(spec.options)) expect(subText, `${name} ${sub} ${option}`).toContain(option);
      }
    }
    expect(await helpOf(['company', 'list', '--help'])).toContain('--json');
    expect(await helpOf(['company', 'add', '-h'])).toMatch(/--whop <biz_id>[\s\S]*--name <name>[\s\S]*--key-stdin/);
  });

  it("help lists every verb with a one-line summary; help <verb> is that verb's help", async () => {
    const text = await helpOf(['help']);
    for (const [name, verb] of Object.entries(verbs))
      expect(text).toMatch(new RegExp(`^  ${name} +${escape(verb.summary)}$`, 'm'));
    expect(await helpOf([])).toBe(text);
    expect(await helpOf(['help', 'sync'])).toBe(await helpOf(['sync', '--help']));
  });

  it('help wins over a bad option, and the command line exits 0 with the help on stdout', async () => {
    expect(await helpOf(['sync', '--bogus', '--help'])).toBe(await helpOf(['sync', '--help']));
    const r = spawnSync(process.execPath, ['server/cli.ts', 'sync', '--help'], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(await helpOf(['sync', '--help']));
    for (const option of ['--company <id>', '[--full]', '[--concurrency <n>]', '[--json]'])
      expect(r.stdout).toContain(option);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
