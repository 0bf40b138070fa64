// Every document the repository cites must be in the repository: a clone has nothing else. Scans the text
// of every file git knows (tracked, plus new files not ignored; node_modules and package-lock.json left out)
// for names of Markdown files and for docs/ paths, and fails on any that names no file here, resolved from
// the repository root or from the citing file's folder. A `#section` after a Markdown file must name one of
// its headings (GitHub's anchors). Names inside URLs are other sites' documents and are not checked;
// names with glob or placeholder characters (`docs/benchmarks.*`, `<kind>.md`) are patterns, not citations;
// in code, a bare file name that is a whole string literal (`join(docs, 'x.md')`) is a path the code builds.
// This file is not scanned: its examples name missing files on purpose.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');

const SELF = 'test/lint/doc-citations.test.ts';
const CODE_FILE = /\.(ts|js|mjs|cjs)$/;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>)\]]+/gi;
/** A Markdown name, with optional leading ../ and folders and a #section (it starts with a word character). */
const MARKDOWN_PATTERN = /(?<![\w./-])((?:\.{1,2}\/)*(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.md)(?:#([\w-]+))?(?![\w])/g;
/** A path under the docs folder, with an optional #section. */
const DOCS_PATTERN = /(?<![\w./-])(docs\/[\w./*<>${}-]*[\w*>}])(?:#([\w-]+))?/g;

interface Citation {
  file: string;
  line: number;
  target: string;
  anchor: string | null;
}

/** The citations in one file's text, URLs removed first. */
function citationsIn(file: string, text: string): Citation[] {
  const out: Citation[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(URL_PATTERN, ' ');
    const seen = new Set<string>();
    for (const pattern of [MARKDOWN_PATTERN, DOCS_PATTERN]) {
      for (const m of line.matchAll(pattern)) {
        const target = m[1]!.replace(/\.+$/, '');
        if (/[*<>${}]/.test(target) || seen.has(`${target}#${m[2] ?? ''}`)) continue;
        const quote = line[m.index - 1];
        if (
          CODE_FILE.test(file) &&
          !target.includes('/') &&
          (quote === "'" || quote === '"') &&
          line[m.index + m[0].length] === quote
        )
          continue;
        seen.add(`${target}#${m[2] ?? ''}`);
        out.push({ file, line: i + 1, target, anchor: m[2] ?? null });
      }
    }
  });
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const h = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = headingAnchor(h[1]!);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Why a citation does not resolve in the tree at `base`, or null when it does. */
function brokenReason(base: string, c: Citation): string | null {
  const candidates = [normalize(c.target), normalize(join(dirname(c.file), c.target))].filter(
    (p) => !p.startsWith('..'),
  );
  const found = candidates.find((p) => existsSync(join(base, p)));
  if (found === undefined) return 'no such file in the repository';
  if (c.anchor === null || !found.endsWith('.md') || !statSync(join(base, found)).isFile()) return null;
  return anchorsOf(readFileSync(join(base, found), 'utf8')).has(c.anchor)
    ? null
    : `${found} has no section #${c.anchor}`;
}

function repositoryTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('node_modules/') && !f.endsWith('package-lock.json'))
    .filter((f) => f !== SELF && existsSync(join(root, f)) && statSync(join(root, f)).isFile());
}

describe('citations of documents', () => {
  it('finds Markdown names and docs/ paths, and skips URLs and patterns', () => {
    const missing = ['NOT', 'HERE'].join('') + '.m' + 'd';
    const text = [
      `see ${missing} and docs/data-model.md#companies`,
      `https://github.com/x/y/blob/main/CHANGE${'LOG'}.md is elsewhere`,
      'figures in docs/benchmarks.* and charts/<kind>.md',
      "const path = join(docs, 'benchmarks.md');",
    ].join('\n');
    expect(citationsIn('core/x.ts', text).map((c) => [c.line, c.target, c.anchor])).toEqual([
      [1, missing, null],
      [1, 'docs/data-model.md', 'companies'],
    ]);
  });

  it('resolves from the root or the citing folder, and checks sections', () => {
    const cite = (file: string, target: string, anchor: string | null = null) =>
      brokenReason(root, { file, line: 1, target, anchor });
    expect(cite('bot/answer.ts', 'commands/README.md')).toBeNull();
    expect(cite('core/x.ts', 'docs/data-model.md')).toBeNull();
    expect(cite('core/x.ts', ['ARCHI', 'TECTURE'].join('') + '.m' + 'd')).toMatch(/no such file/);
    expect(cite('core/x.ts', '../shared/design/x.md')).toMatch(/no such file/);
    expect(cite('README.md', 'README.md', 'quick-start')).toBeNull();
    expect(cite('README.md', 'README.md', 'no-such-section')).toMatch(/no section #no-such-section/);
    expect(headingAnchor('Choices that differ (v2): `x`')).toBe('choices-that-differ-v2-x');
  });

  it('every cited document is in the repository', () => {
    const broken: string[] = [];
    for (const file of repositoryTextFiles()) {
      const text = readFileSync(join(root, file), 'utf8');
      if (text.includes('\0')) continue;
      for (const c of citationsIn(file, text)) {
        const reason = brokenReason(root, c);
        if (reason) broken.push(`${c.file}:${c.line} cites ${c.target}${c.anchor ? `#${c.anchor}` : ''}: ${reason}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
