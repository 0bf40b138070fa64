// The import graph of every .ts file in the repository (test/lint/import-graph.ts, read with TypeScript's own
// pre-processor, type-only imports included): no cycle anywhere, and the layers of
// docs/architecture.md#import-rules. ESLint's boundaries (boundaries.test.ts) stop platform libraries; this
// stops our own folders reaching the wrong way, including through `import type`, which ESLint's patterns
// would let through in a folder they do not cover (demo/, test/).
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.ts';

const graph = importGraph(process.cwd());
const top = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');
const production = new Set(['core', 'bot', 'server', 'charts', 'migrations']);

/** Every static import from a file under `from` to a file under one of `to`, as `a.ts → b.ts`. */
function crossings(from: (top: string) => boolean, to: (top: string) => boolean): string[] {
  return [...graph.imports].flatMap(([file, targets]) =>
    from(top(file)) ? targets.filter((t) => to(top(t))).map((t) => `${file} → ${t}`) : [],
  );
}

describe('import graph', () => {
  it('reads the whole repository, type-only imports included', () => {
    expect(graph.files.length).toBeGreaterThan(500);
    // bot/commands/types.ts is imported only with `import type` by the Discord adapter: the graph must see it.
    expect(graph.imports.get('bot/discord/register.ts')).toContain('bot/commands/types.ts');
    expect(graph.dynamicImports.get('server/cli/verbs.ts')).toContain('demo/verb.ts');
  });

  it('finds a cycle and names it (so the check below can fail)', () => {
    const imports = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(imports)).toEqual(
      expect.arrayContaining([
        ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
        ['e.ts', 'e.ts'],
      ]),
    );
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(graph.imports).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('core/ imports nothing of ours outside core/', () => {
    expect(
      crossings(
        (t) => t === 'core',
        (t) => t !== 'core',
      ),
    ).toEqual([]);
  });

  it('charts/ imports only core/ (formatting and risk levels), never the bot, the server, the demo or tests', () => {
    expect(
      crossings(
        (t) => t === 'charts',
        (t) => t !== 'charts' && t !== 'core',
      ),
    ).toEqual([]);
  });

  it('bot/ never reaches server/', () => {
    expect(
      crossings(
        (t) => t === 'bot',
        (t) => t === 'server',
      ),
    ).toEqual([]);
  });

  it('production code never imports demo/ or test/ (the image ships neither)', () => {
    expect(
      crossings(
        (t) => production.has(t),
        (t) => t === 'demo' || t === 'test',
      ),
    ).toEqual([]);
  });

  it('demo/ is reached from production code only by the CLI, lazily', () => {
    const dynamic = [...graph.dynamicImports].flatMap(([file, targets]) =>
      production.has(top(file))
        ? targets.filter((t) => top(t) === 'demo' || top(t) === 'test').map((t) => `${file} → ${t}`)
        : [],
    );
    expect(dynamic).toEqual(['server/cli/verbs.ts → demo/verb.ts']);
  });
});
