// SQL lives in repositories (*.repository.ts), core/db/, migrations, tests and named SQL builders; the ESLint rule
// pulse/sql-home (eslint/sql-home.js) reports it anywhere else. These samples go through the real configuration,
// so the rule cannot be switched off or its homes widened by accident.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function misplaced(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'pulse/sql-home').map((m) => m.message);
}

const query =
  "import type { Queryable } from '../../core/db/queryable.ts';\n" +
  "export const read = (db: Queryable) => db.query('select id, name from companies where id = $1', [1]);\n";

describe('pulse/sql-home', () => {
  it.each([
    ['a chat command', 'bot/commands/example.ts'],
    ['a job', 'server/jobs/example.ts'],
    ['a service', 'core/revenue/example.service.ts'],
    ['a new file next to files not moved yet', 'core/whop/example.ts'],
  ])('reports a statement in %s, saying where it belongs', async (_what, file) => {
    const messages = await misplaced(file, query);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('SQL belongs in a repository (*.repository.ts), core/db/ or a named SQL builder');
  });

  it.each([
    ['a repository', 'core/companies/example.repository.ts'],
    ['core/db', 'core/db/example.ts'],
    ['a named SQL builder', 'core/revenue/example-sql.ts'],
    ['a test', 'test/revenue/example.test.ts'],
  ])('accepts it in %s', async (_what, file) => {
    expect(await misplaced(file, query)).toEqual([]);
  });

  it('reports templates with expressions and clauses built for another statement', async () => {
    const code =
      [
        'const cols = "id";',
        'export const a = `select ${cols} from members where company_id = $1`;',
        'export const b = `where l.company_id = $1 and c.uninstalled_at is null`;',
        "export const c = 'update companies set tier = $2 where id = $1';",
      ].join('\n') + '\n';
    expect(await misplaced('server/cli/example.ts', code)).toHaveLength(3);
  });

  it('leaves prose, chat component names and regex replacements alone, and knows short statements', async () => {
    const strings = (list: string[]) =>
      list.map((t, i) => `export const s${i} = ${JSON.stringify(t)};`).join('\n') + '\n';
    const prose = [
      'Select a channel from the list below',
      'select',
      'Delete from your server?',
      '$1k',
      'update the settings',
      'Begin here',
    ];
    expect(await misplaced('bot/commands/example.ts', strings(prose))).toEqual([]);
    const sql = [
      'select 1',
      'BEGIN READ ONLY',
      'delete from deliveries where id = $1',
      'with d as materialized (select 1)',
      'insert into companies (name) values ($1)',
    ];
    expect(await misplaced('bot/commands/example.ts', strings(sql))).toHaveLength(sql.length);
  });
});
