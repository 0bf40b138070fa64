// The module boundaries of docs/architecture.md#import-rules are enforced by ESLint: core/ imports no platform library and
// nothing of ours outside core/; charts/ no platform library; bot/ nothing from server/.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['discord.js', "import { Client } from 'discord.js';"],
    ['Bolt', "import { App } from '@slack/bolt';"],
    ['Fastify', "import Fastify from 'fastify';"],
    ['Agenda', "import { Agenda } from 'agenda';"],
    ['Agenda backend', "import { PostgresBackend } from '@agendajs/postgres-backend';"],
    ['server/', "import { buildApp } from '../server/app.ts';"],
    ['bot/', "import { x } from '../../bot/commands/revenue.ts';"],
  ])('core/ may not import %s', async (_name, code) => {
    expect(
      await restricted(
        'core/revenue/example.ts',
        `${code}\nexport const used = [typeof ${code.match(/import \{? ?(\w+)/)![1]}];\n`,
      ),
    ).toHaveLength(1);
  });

  it('core/ may import core/ and ordinary libraries', async () => {
    expect(
      await restricted(
        'core/revenue/example.ts',
        "import { z } from 'zod';\nimport { addDays } from '../period.ts';\nexport const used = [z, addDays];\n",
      ),
    ).toEqual([]);
  });

  it('charts/ may not import discord.js and bot/ may not import server/', async () => {
    expect(
      await restricted('charts/example.ts', "import { Client } from 'discord.js';\nexport const c = Client;\n"),
    ).toHaveLength(1);
    expect(
      await restricted(
        'bot/commands/example.ts',
        "import { buildApp } from '../../server/app.ts';\nexport const b = buildApp;\n",
      ),
    ).toHaveLength(1);
  });
});
