// CPU profile of this process over a stretch of a bench (the V8 sampling profiler through node:inspector), for
// "where the time went": PULSE_BENCH_PROFILE=<dir> makes a suite write a .cpuprofile (open it in Chrome DevTools or
// speedscope) and print its self time grouped by package, our own files and V8's categories.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Profiling {
  stop(): Promise<string>;
}

/** Start profiling when PULSE_BENCH_PROFILE names a directory; stop() writes `<name>.cpuprofile` (its path printed) and returns the summary. */
export async function startProfile(name: string): Promise<Profiling | undefined> {
  const dir = process.env.PULSE_BENCH_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`CPU profile written to ${file}`);
      return summarize(profile);
    },
  };
}

/** Where a frame's code lives: an npm package, a node: module, one of our files, or V8's own category. */
function groupOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : `(native) ${frame.functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  if (frame.url.startsWith('node:')) return frame.url.replace(/^node:internal\/.*/, 'node:internal');
  return frame.url.replace(/^.*?\/((core|server|bot|charts|test)\/)/, '$1');
}

/** Self time by group, largest first: share of samples that were not idle. */
export function summarize(profile: Profile, top = 20): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byGroup = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const group = groupOf(nodes.get(id)!.callFrame);
    if (group === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
  });
  const lines = [...byGroup]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([g, us]) => `${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${g}`);
  return [`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`, ...lines].join('\n');
}
