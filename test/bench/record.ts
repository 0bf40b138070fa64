// Records benchmark figures: docs/benchmarks.json (names explained in docs/benchmarks.md#figure-names) and a section per
// suite in docs/benchmarks.md. A figure that was not measured is absent, never guessed.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const jsonPath = join(docs, 'benchmarks.json');
const mdPath = join(docs, 'benchmarks.md');

export interface Figure {
  name: string;
  value: number;
  unit: string;
  n?: number;
}

export function machine(): string {
  return `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, PostgreSQL 15`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function stats(samples: number[]): { median: number; p95: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

/** Run `work` `runs` times in a row: each run's milliseconds, and the last result (to check it is right). */
export async function timeRuns<T>(runs: number, work: () => Promise<T>): Promise<{ samples: number[]; last: T }> {
  const samples: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await work();
    samples.push(performance.now() - t0);
  }
  return { samples, last };
}

/** Merge figures into docs/benchmarks.json and replace this suite's section in docs/benchmarks.md. */
export function record(suite: string, figures: Figure[], markdown: string): void {
  if (!existsSync(docs)) mkdirSync(docs, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const json: Record<string, unknown> = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {};
  for (const f of figures) {
    json[f.name] = {
      value: Math.round(f.value * 1000) / 1000,
      unit: f.unit,
      ...(f.n ? { n: f.n } : {}),
      machine: machine(),
      date,
    };
  }
  const sorted = Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(jsonPath, JSON.stringify(sorted, null, 2) + '\n');

  const begin = `<!-- suite:${suite} -->`;
  const end = `<!-- /suite:${suite} -->`;
  const section = `${begin}\n## ${suite}\n\n_Measured ${date} on ${machine()}._\n\n${markdown.trim()}\n${end}`;
  let md = existsSync(mdPath)
    ? readFileSync(mdPath, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench`; machine-readable figures in `benchmarks.json`.\n';
  const re = new RegExp(`${begin}[\\s\\S]*?${end}`);
  md = re.test(md) ? md.replace(re, section) : `${md.trimEnd()}\n\n${section}\n`;
  writeFileSync(mdPath, md);
}
