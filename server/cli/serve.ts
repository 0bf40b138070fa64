// `pulse serve [--role <role>]`: starts one role (or all) on a migrated database (server/main.ts).
import { start } from '../main.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

export const run: VerbHandler = async (config, values) => {
  const role = values.role ?? config.PULSE_ROLE;
  if (role !== 'all' && role !== 'web' && role !== 'worker' && role !== 'gateway')
    throw new UsageError('--role must be all, web, worker or gateway');
  const { url } = await start({ ...config, PULSE_ROLE: role });
  process.stderr.write(`pulse: ${role} listening on ${url}\n`);
};
