// The repository's import graph, read with TypeScript's own pre-processor (ts.preProcessFile), which sees
// `import type`, `export … from` and side-effect imports alike: the lint tests find cycles and layering
// breaks in it. Only relative specifiers are edges (packages are not ours); dynamic `import()` is kept apart,
// because a lazy import is how a module reaches one that must not load with it (the CLI's verbs, the demo).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Every .ts file outside node_modules, as a path relative to the root with `/` separators. */
  files: string[];
  /** file → the files it imports statically (value and type imports, re-exports). */
  imports: Map<string, string[]>;
  /** file → the files it imports with `import()`. */
  dynamicImports: Map<string, string[]>;
}

const skipped = new Set(['node_modules', '.git', '.tools', '.data', 'dist', 'coverage']);

function tsFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name) || entry.name.startsWith('.scratch')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(root, full));
    else if (entry.name.endsWith('.ts')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

/** Whether `import(` of this specifier appears in the text (preProcessFile lists static and dynamic alike). */
function dynamicSpecifiers(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1/g)) found.add(m[2]!);
  return found;
}

export function importGraph(root: string): ImportGraph {
  const files = tsFiles(root).sort();
  const known = new Set(files);
  const imports = new Map<string, string[]>();
  const dynamicImports = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const dynamic = dynamicSpecifiers(text);
    const staticTargets = new Set<string>();
    const dynamicTargets = new Set<string>();
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file), ref.fileName))
        .split(sep)
        .join('/');
      if (!known.has(target)) continue;
      // A specifier both imported statically and with import() counts as static: the stricter reading.
      const isStatic = !dynamic.has(ref.fileName) || staticImportOf(text, ref.fileName);
      (isStatic ? staticTargets : dynamicTargets).add(target);
    }
    imports.set(file, [...staticTargets].sort());
    dynamicImports.set(file, [...dynamicTargets].filter((t) => !staticTargets.has(t)).sort());
  }
  return { files, imports, dynamicImports };
}

function staticImportOf(text: string, specifier: string): boolean {
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\bfrom\\s*(['"])${quoted}\\1|^\\s*import\\s*(['"])${quoted}\\2`, 'm').test(text);
}

/**
 * Every import cycle, one per strongly connected component, named as a path that returns to its start
 * (`a.ts → b.ts → a.ts`). Tarjan's algorithm finds the components; a breadth-first search inside each names
 * the shortest cycle through its first file.
 */
export function importCycles(imports: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (start: string): void => {
    // Iterative, so a long chain of imports cannot overflow the call stack.
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    indexOf.set(start, index);
    low.set(start, index);
    index++;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = imports.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!indexOf.has(to)) {
          indexOf.set(to, index);
          low.set(to, index);
          index++;
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (imports.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  };
  for (const file of imports.keys()) if (!indexOf.has(file)) visit(file);
  return components.map((component) => shortestCycle(component[0]!, new Set(component), imports));
}

function shortestCycle(start: string, within: Set<string>, imports: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const to of imports.get(node) ?? []) {
      if (!within.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at))
          path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
