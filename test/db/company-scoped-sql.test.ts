// Every query of a company-owned table is scoped to one company: each SQL text in the repositories
// (`*.repository.ts`, `*-sql.ts`, `*.sql.ts` under core/, server/ and bot/) that names a company-owned table also
// names company_id. A static check over the string and template literals of those files; the texts that span
// companies on purpose are listed below with the reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entities } from '../../core/db/entities/index.ts';
import { globalTables } from '../helpers/global-tables.ts';

const root = join(import.meta.dirname, '..', '..');
const sqlFile = /(\.repository|-sql|\.sql)\.ts$/;

/** SQL that spans companies on purpose: the file, a fragment of the text, and the reason. */
const crossCompany: { file: string; text: string; reason: string }[] = [
  {
    file: 'core/retention/activity-partitions.repository.ts',
    text: 'from activity_events_default',
    reason: 'a new month partition takes its rows from the default partition, whatever their company',
  },
  {
    file: 'core/retention/activity-partitions.repository.ts',
    text: 'from engagement_company_daily d where d.company_id = c.id',
    reason: 'partition upkeep asks, per company, whether its rollup passed a month',
  },
  {
    file: 'core/delivery/ledger.repository.ts',
    text: 'update deliveries d set lease_until',
    reason: 'the retry scan takes over expired leases of every company (then works per row by company_id and id)',
  },
];

const companyOwned = entities
  .map((e) => (e as { meta: { tableName?: string } }).meta.tableName!)
  .filter((t) => globalTables[t] === undefined)
  .sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(path);
    return sqlFile.test(d.name) && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The SQL texts of a file: its string and template literals that read like a statement. A template's `${name}`
 * is replaced by the text of a string constant of that name in the same file (`const where = '...'`), so a shared
 * WHERE fragment counts where it is used.
 */
export function sqlTexts(source: string): string[] {
  const file = ts.createSourceFile('f.ts', source, ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const constants = new Map<string, string>();
  const templates: ts.TemplateExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isStringLiteralLike(node.initializer)
    ) {
      constants.set(node.name.text, node.initializer.text);
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isTemplateExpression(node.initializer)
    ) {
      constants.set(node.name.text, node.initializer.getText(file));
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) templates.push(node);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  for (const t of templates) {
    texts.push(
      t.getText(file).replace(/\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g, (whole, name: string) => constants.get(name) ?? whole),
    );
  }
  return texts.filter((t) => /\b(select|insert\s+into|update|delete\s+from)\b/i.test(t));
}

/** The company-owned tables a SQL text names, when it does not also name company_id. */
export function unscopedTables(sql: string): string[] {
  if (/\bcompany_id\b/.test(sql)) return [];
  return companyOwned.filter((t) => new RegExp(`\\b(from|join|into|update)\\s+${t}\\b`, 'i').test(sql));
}

describe('SQL of company-owned tables names company_id', () => {
  const files = ['core', 'server', 'bot'].flatMap((d) => sourceFiles(join(root, d)));

  it('finds the repositories and the company-owned tables', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(companyOwned).toEqual(
      expect.arrayContaining(['activity_events', 'members', 'payments', 'engagement_daily']),
    );
  });

  it('every SQL text naming a company-owned table also names company_id', () => {
    const wrong = files.flatMap((f) => {
      const rel = relative(root, f);
      return sqlTexts(readFileSync(f, 'utf8'))
        .filter((sql) => !crossCompany.some((x) => x.file === rel && sql.includes(x.text)))
        .flatMap((sql) => unscopedTables(sql).map((t) => `${rel}: ${t}: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`));
    });
    expect(wrong).toEqual([]);
  });

  it('would catch an unscoped query (the check is not vacuous)', () => {
    const texts = sqlTexts(
      "const q = `select m.name from members m where m.id = $1`; const ok = 'select 1 from members where company_id = $1';",
    );
    expect(texts).toHaveLength(2);
    expect(texts.map(unscopedTables)).toEqual([['members'], []]);
    const shared = sqlTexts(
      "const match = 'company_id = $1 and id = $2'; q(`select * from payments where ${match}`); q(`delete from refunds where ${other}`);",
    );
    expect(shared.map(unscopedTables)).toEqual([[], ['refunds']]);
  });

  it('every exemption still matches a SQL text of its file', () => {
    for (const x of crossCompany) {
      expect(
        sqlTexts(readFileSync(join(root, x.file), 'utf8')).some((sql) => sql.includes(x.text)),
        `${x.file}: ${x.text}`,
      ).toBe(true);
    }
  });
});
