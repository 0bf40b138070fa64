// The demo's simulated community: 18 months ending today, deterministic from the seed.
import pg from 'pg';
import { createSim, type SimOptions } from '../../core/sim/index.ts';
import { loadWithProgressBar } from '../../core/load/index.ts';

export interface DemoOptions { seed: number; members: number }

export function demoSimOptions(o: DemoOptions, today = new Date()): SimOptions {
  const endDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return { seed: o.seed, members: o.members, months: 18, endDate };
}

export function demoCompanyId(o: DemoOptions): string {
  return createSim(demoSimOptions(o)).company.id;
}

export async function demoCommunityLoaded(databaseUrl: string, o: DemoOptions): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query('select 1 from companies where whop_company_id = $1', [demoCompanyId(o)]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

export async function seedDemoCommunity(databaseUrl: string, o: DemoOptions): Promise<void> {
  const started = Date.now();
  const result = await loadWithProgressBar(databaseUrl, demoSimOptions(o));
  const rows = Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
  process.stderr.write(`pulse: loaded demo company ${demoCompanyId(o)} in ${((Date.now() - started) / 1000).toFixed(1)} s (${rows})\n`);
}
