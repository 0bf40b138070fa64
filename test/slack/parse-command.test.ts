// `/pulse` text → command and options, by the real command registry (bot/commands/index.ts): positional words in
// order, `name:value`, several-word choices and free text, Slack's escaped channel and group references, and a
// usage answer (never an exception) for anything else.
import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { parseSlashText } from '../../bot/slack/parse-command.ts';

function parsed(text: string) {
  const r = parseSlashText(commands, text);
  if (!r.ok) throw new Error(`did not parse: ${r.answer.summary}`);
  return { name: r.name, options: r.options };
}

function problem(text: string): string {
  const r = parseSlashText(commands, text);
  if (r.ok) throw new Error(`parsed: ${r.name}`);
  expect(r.answer.visibility).toBe('ephemeral');
  return r.answer.summary ?? '';
}

describe('parseSlashText', () => {
  it('reads positional options in order', () => {
    expect(parsed('revenue last_month')).toEqual({ name: 'revenue', options: { period: 'last_month' } });
    expect(parsed('churn critical')).toEqual({ name: 'churn', options: { risk: 'critical' } });
    expect(parsed('report link revenue 7')).toEqual({ name: 'report link', options: { kind: 'revenue', expires: 7 } });
  });

  it('reads the pulse subcommands without their prefix (and with it)', () => {
    expect(parsed('setup')).toEqual({ name: 'pulse setup', options: {} });
    expect(parsed('status')).toEqual({ name: 'pulse status', options: {} });
    expect(parsed('pulse status')).toEqual({ name: 'pulse status', options: {} });
  });

  it('accepts choices by value or by name, in any case, as one word or several', () => {
    expect(parsed('revenue Last-Month').options).toEqual({ period: 'last_month' });
    expect(parsed('revenue last month').options).toEqual({ period: 'last_month' });
    expect(parsed('engagement "last 7 days"').options).toEqual({ period: 'last_7_days' });
  });

  it("reads name:value anywhere, and Slack's escaped channel and user-group references as ids", () => {
    expect(parsed('setup digest_hour:8 digest_channel:<#C0123ABCD|general> role:<!subteam^S0ABC123|@coaches>')).toEqual(
      {
        name: 'pulse setup',
        options: { digest_hour: 8, digest_channel: 'C0123ABCD', role: 'S0ABC123' },
      },
    );
    expect(parsed('report revoke all:yes').options).toEqual({ all: true });
  });

  it('lets free text run over several words, unescaping what Slack escaped', () => {
    expect(parsed('ask why did MRR drop &gt; 10% in March?').options).toEqual({
      question: 'why did MRR drop > 10% in March?',
    });
    expect(parsed('ask "churn?"').options).toEqual({ question: 'churn?' });
    // The content title stops where the period begins.
    expect(parsed('content course Intro to sales last_month').options).toEqual({
      type: 'course',
      item: 'Intro to sales',
      period: 'last_month',
    });
    expect(parsed('content item:Intro to sales').options).toEqual({ item: 'Intro to sales' });
  });

  it("explains what was wrong, with the command's usage", () => {
    expect(problem('revenue soon')).toContain(
      '`period` must be one of `last_7_days`, `last_30_days`, `last_90_days`, `this_month`, `last_month`, `this_year`',
    );
    expect(problem('report link revenue 999')).toContain('`expires` must be between 1 and 90');
    expect(problem('report link revenue seven')).toContain('`expires` must be a whole number');
    expect(problem('churn critical extra')).toContain('Unexpected `extra`.');
    expect(problem('ask')).toContain('`question` is required.');
    expect(problem('ask')).toContain('`/pulse ask <question>`');
    expect(problem('frobnicate now')).toContain('Pulse has no command `frobnicate`.');
  });

  it("lists every command in Slack's syntax for help or an empty line", () => {
    for (const text of ['', '  ', 'help']) {
      const lines = problem(text).split('\n');
      expect(lines).toHaveLength(commands.length);
      expect(lines[0]).toMatch(/^`\/pulse revenue \[period\] \[by\]` — /);
      expect(lines.some((l) => l.startsWith('`/pulse setup [digest_channel]'))).toBe(true);
    }
  });
});
