// `pulse demo`: migrate, seed a simulated community (once), start everything on the embedded defaults.
import { migrateUp } from '../../core/db/migrate.ts';
import { demoCommunityLoaded, seedDemoCommunity } from '../demo/seed.ts';
import { start } from '../main.ts';
import { UsageError } from '../runtime.ts';
import type { Verb } from './verbs.ts';

function positiveInt(value: string | boolean | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

export const demoVerb: Verb = {
  options: { members: { type: 'string' }, seed: { type: 'string' }, 'no-serve': { type: 'boolean' } },
  demoDefaults: true,
  handler: async (config, values) => {
    const members = positiveInt(values.members, 2000, 'members');
    const seed = positiveInt(values.seed, 42, 'seed');
    const applied = await migrateUp(config.DATABASE_URL);
    if (applied.length) process.stderr.write(`pulse: applied ${applied.length} migration(s)\n`);
    if (await demoCommunityLoaded(config.DATABASE_URL, { seed, members })) {
      process.stderr.write('pulse: demo community already loaded\n');
    } else {
      await seedDemoCommunity(config.DATABASE_URL, { seed, members });
    }
    if (values['no-serve']) return;
    const { url } = await start(config);
    process.stderr.write(`pulse: demo running at ${url} (healthz: ${url}/healthz). Ctrl-C stops it.\n`);
  },
};
