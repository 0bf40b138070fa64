// The CLI face of the bulk loader: a cli-progress bar over loadCommunity (drawn on stderr when it is a TTY).
import cliProgress from 'cli-progress';
import { createSim, type SimOptions } from '../sim/index.ts';
import { loadCommunity, type LoadOptions, type LoadResult } from './load-community.ts';

export async function loadWithProgressBar(
  databaseUrl: string,
  simOpts: SimOptions,
  options: Omit<LoadOptions, 'onProgress'> = {},
): Promise<LoadResult> {
  const sim = createSim(simOpts);
  const bar = new cliProgress.SingleBar(
    {
      format:
        'loading |{bar}| {percentage}% | {value}/{total} members | {events} activity events | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(simOpts.members, 0, { events: 0 });
  try {
    return await loadCommunity(databaseUrl, sim, {
      ...options,
      onProgress: (p) => bar.update(p.members, { events: p.rows.activity_events.toLocaleString('en-US') }),
    });
  } finally {
    bar.stop();
  }
}
