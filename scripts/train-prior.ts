// Re-trains the prior churn model: simulates communities in every named world and seeded variants of each
// (demo/sim/worlds.ts, world-variants.ts), loads them into a scratch database (dropped and created anew),
// trains (core/churn/prior-training.ts) and writes core/churn/prior/prior-v1.json with the worlds, seeds,
// features and date. Deterministic but for the date.
// Run: node scripts/train-prior.ts [--members 1500] [--database pulse_prior_training]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { quoteIdent, withDatabaseName } from '../core/db/database-url.ts';
import { migrateUp } from '../core/db/migrate.ts';
import { loadCommunity } from '../demo/load/index.ts';
import { PRIOR_FILE } from '../core/churn/prior.ts';
import { trainPriorFromInstall, type PriorWorldRecord } from '../core/churn/prior-training.ts';
import { createSim, worldNames, worlds } from '../demo/sim/index.ts';
import { worldVariant } from '../demo/sim/world-variants.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1500' },
    database: { type: 'string', default: 'pulse_prior_training' },
  },
});
const members = Number(values.members);
if (!Number.isInteger(members) || members < 100) throw new Error('--members must be an integer of at least 100');
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const endDate = new Date('2026-11-01T00:00:00Z');
const months = 14;

// Each named world as it is, and one seeded variant of it with every rate moved by about 30%.
const shapes = worldNames.flatMap((name) => [worlds[name], worldVariant(worlds[name], `prior-variant:${name}`)]);
const sims = shapes.map((world, k) =>
  createSim({
    seed: `prior:${world.name}`,
    members,
    months,
    endDate,
    world,
    activityPerMemberPerMonth: [8, 12, 16][k % 3]!,
  }),
);

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${quoteIdent(values.database)}`);
await admin.query(`create database ${quoteIdent(values.database)}`);
await admin.end();
const url = withDatabaseName(adminUrl, values.database);
await migrateUp(url);

const bar = new cliProgress.SingleBar(
  { format: 'prior worlds |{bar}| {value}/{total} members | {world}', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
bar.start(members * sims.length, 0, { world: '' });
for (const [k, sim] of sims.entries()) {
  await loadCommunity(url, sim, {
    onProgress: (p) => bar.update(k * members + p.members, { world: sim.options.world.name }),
  });
}
bar.update(members * sims.length, { world: 'training' });
bar.stop();

const records: PriorWorldRecord[] = sims.map((s) => {
  const { name, description: _description, ...rates } = s.options.world;
  return {
    name,
    seed: String(s.options.seed),
    members,
    months,
    endDate: endDate.toISOString(),
    activityPerMemberPerMonth: s.options.activityPerMemberPerMonth,
    ...rates,
  };
});
const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  const prior = await trainPriorFromInstall(pool, endDate, records, 'scripts/train-prior.ts');
  writeFileSync(PRIOR_FILE, JSON.stringify(prior, null, 2) + '\n');
  console.log(
    `wrote ${PRIOR_FILE.pathname}: ${prior.training.rows} labelled rows (${prior.training.positives} churned) from ${prior.training.companies} communities; in-sample AUC ${prior.training.auc.toFixed(3)}`,
  );
} finally {
  await pool.end();
}
