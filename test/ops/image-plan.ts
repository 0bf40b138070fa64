// Reads what the image does from the Dockerfile and fly.toml, so the image check follows them: the dependency
// stage's files and install command, the final stage's COPY list, ENV, USER, HEALTHCHECK and CMD, and fly's
// release command and process commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ImagePlan {
  depsFiles: string[];
  /** The dependency install, without `npm cache clean` (it only slims the layer, and would empty this machine's cache). */
  install: string;
  copies: Array<{ from: string; to: string }>;
  /** Whether the final stage takes node_modules from the dependency stage. */
  nodeModulesFromDeps: boolean;
  env: Record<string, string>;
  user?: string;
  healthcheck?: string[];
  cmd: string[];
}

interface Instruction {
  op: string;
  args: string;
}

function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^(\S+)\s+(.*)$/.exec(l)!;
      return { op: m[1]!.toUpperCase(), args: m[2]!.trim() };
    });
}

const jsonArray = (s: string): string[] => JSON.parse(s) as string[];

export function readImagePlan(root: string): ImagePlan {
  const all = instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const starts = all.flatMap((ins, i) => (ins.op === 'FROM' ? [i] : []));
  if (starts.length !== 2) throw new Error(`expected two stages (deps, runtime), found ${starts.length}`);
  const deps = all.slice(starts[0]! + 1, starts[1]);
  const final = all.slice(starts[1]! + 1);
  const copyArgs = (args: string) => args.split(/\s+/).filter((a) => !a.startsWith('--'));
  const depsFiles = deps.filter((i) => i.op === 'COPY').flatMap((i) => copyArgs(i.args).slice(0, -1));
  const run = deps.find((i) => i.op === 'RUN');
  if (!run) throw new Error('the deps stage has no RUN');
  const install = run.args
    .split('&&')
    .map((c) => c.trim())
    .filter((c) => !/^npm cache clean/.test(c))
    .join(' && ');
  const copies: ImagePlan['copies'] = [];
  let nodeModulesFromDeps = false;
  for (const i of final.filter((x) => x.op === 'COPY')) {
    if (/--from=deps\b/.test(i.args)) {
      nodeModulesFromDeps = /\/app\/node_modules\s+\.\/node_modules$/.test(i.args);
      continue;
    }
    const [from, to] = copyArgs(i.args);
    copies.push({ from: from!, to: to! });
  }
  const env: Record<string, string> = {};
  for (const i of final.filter((x) => x.op === 'ENV'))
    for (const [, k, v] of i.args.matchAll(/(\w+)=(\S+)/g)) env[k!] = v!;
  const hc = final.find((i) => i.op === 'HEALTHCHECK');
  const cmd = final.find((i) => i.op === 'CMD');
  if (!cmd) throw new Error('no CMD');
  return {
    depsFiles,
    install,
    copies,
    nodeModulesFromDeps,
    env,
    user: final.filter((i) => i.op === 'USER').at(-1)?.args,
    healthcheck: hc ? jsonArray(hc.args.slice(hc.args.indexOf('CMD') + 3).trim()) : undefined,
    cmd: jsonArray(cmd.args),
  };
}

export interface FlyPlan {
  releaseCommand: string;
  processes: Record<string, string>;
}

/** The few fly.toml values the check runs (flat `key = "value"` lines of [deploy] and [processes]). */
export function readFlyPlan(root: string): FlyPlan {
  const sections = new Map<string, Record<string, string>>();
  let current = '';
  for (const line of readFileSync(join(root, 'fly.toml'), 'utf8').split('\n')) {
    const t = line.trim();
    const header = /^\[+([^\]]+)\]+$/.exec(t);
    if (header) {
      current = header[1]!;
      continue;
    }
    const kv = /^([\w-]+)\s*=\s*"([^"]*)"$/.exec(t);
    if (kv) sections.set(current, { ...sections.get(current), [kv[1]!]: kv[2]! });
  }
  const releaseCommand = sections.get('deploy')?.release_command;
  if (!releaseCommand) throw new Error('fly.toml has no [deploy] release_command');
  return { releaseCommand, processes: sections.get('processes') ?? {} };
}
