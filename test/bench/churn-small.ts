// Small communities from day one (churn.prior.small.* in docs/benchmarks.md#figure-names): twelve
// communities of 60-150 paying members (8 months of history), each ALONE in its own database, so the
// install has nothing to pool but itself. Each is scored three ways at the end date and judged on the
// hidden next 30 days beside the simulator's oracle: the self-pooled model (the pooled model trained on the
// install, i.e. on the community alone), the chain's choice (scoreCompany with no model stored: the prior
// updated by the community's own outcomes), and the prior alone. The communities live in seeded variants of
// the named worlds (demo/sim/world-variants.ts) that the prior did not see.
// Run alone: node test/bench/churn-small.ts [--quick]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { snapshotFeatures } from '../../core/churn/features.repository.ts';
import { probabilities, standardizeFor } from '../../core/churn/model.ts';
import { loadPrior, priorChurnModel } from '../../core/churn/prior.ts';
import { scoreCompany } from '../../core/churn/scoring.service.ts';
import { trainPooledModel } from '../../core/churn/training.service.ts';
import { createSim, worlds, type WorldName } from '../../demo/sim/index.ts';
import { worldVariant } from '../../demo/sim/world-variants.ts';
import { churnBenchEnd } from '../churn/churn-bench-database.ts';
import { evaluateHeldOut, simOutcomes, type HeldOutEvaluation, type SimOutcome } from '../churn/sim-truth.ts';
import { benchDatabase, ensureSimDatabase } from '../churn/sim-database.ts';
import { record, type Figure } from './record.ts';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
type Scores = Array<{ whopUserId: string; probability: number }>;
const ways = ['pooled', 'chain', 'prior'] as const;
type Way = (typeof ways)[number];

export async function benchChurnSmall(adminUrl: string, opts: { quick?: boolean } = {}): Promise<Figure[]> {
  const asOf = churnBenchEnd;
  const count = opts.quick ? 4 : 12;
  const order: WorldName[] = ['default', 'engagement', 'renewal', 'involuntary'];
  const prior = loadPrior();
  const perCommunity: Array<{ name: string; paying: number; e: Record<Way, HeldOutEvaluation>; sentence: string }> = [];
  const all: Record<Way, Scores> = { pooled: [], chain: [], prior: [] };
  const truth = new Map<string, SimOutcome>();
  for (let k = 0; k < count; k++) {
    const world = worldVariant(worlds[order[k % order.length]!], `small-eval:${k}`);
    const sim = createSim({ seed: `small:${k}`, members: 130 + ((k * 47) % 170), months: 8, endDate: asOf, world });
    const db = await ensureSimDatabase(adminUrl, benchDatabase(`small_${k}`), [sim], console.log);
    const { companyId } = db.companies[0]!;
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const t = simOutcomes(sim);
      for (const [id, o] of t) truth.set(id, o);
      const scored: Partial<Record<Way, Scores>> = {};
      await pool.query('delete from churn_predictions; delete from churn_model_runs');
      await trainPooledModel(pool, { asOf, seed: 1 });
      const pooled = await scoreCompany(pool, companyId, { asOf });
      if (pooled.model.source !== 'pooled') throw new Error(`community ${k}: not scored by the self-pooled model`);
      scored.pooled = pooled.members;
      await pool.query('delete from churn_predictions; delete from churn_model_runs');
      const chain = await scoreCompany(pool, companyId, { asOf });
      if (chain.model.source !== 'prior')
        throw new Error(`community ${k}: the chain chose ${chain.model.source}, not the updated prior`);
      scored.chain = chain.members;
      const rows = await snapshotFeatures(pool, companyId, asOf, [0]);
      const model = priorChurnModel(prior);
      const p = probabilities(
        model,
        standardizeFor(
          model,
          rows.map((r) => r.raw),
        ),
      );
      scored.prior = rows.map((r, i) => ({ whopUserId: r.whopUserId, probability: p[i]! }));
      const e = Object.fromEntries(ways.map((w) => [w, evaluateHeldOut(scored[w]!, t)])) as Record<
        Way,
        HeldOutEvaluation
      >;
      for (const w of ways) all[w].push(...scored[w]!);
      perCommunity.push({ name: world.name, paying: e.chain.scored, e, sentence: chain.model.sentence });
      console.log(
        `${k} ${world.name}: ${e.chain.scored} paying, ${e.chain.churned} churned; AUC pooled ${e.pooled.auc.toFixed(3)} / prior+own ${e.chain.auc.toFixed(3)} / prior ${e.prior.auc.toFixed(3)} / oracle ${e.chain.oracleAuc.toFixed(3)}; load ${load()}`,
      );
    } finally {
      await pool.end();
    }
  }
  const total = Object.fromEntries(ways.map((w) => [w, evaluateHeldOut(all[w], truth)])) as Record<
    Way,
    HeldOutEvaluation
  >;
  const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const figures: Figure[] = [
    { name: 'churn.prior.small.auc', value: total.chain.auc, unit: 'auc', n: total.chain.scored },
    { name: 'churn.prior.small.ece', value: total.chain.ece, unit: 'probability', n: total.chain.scored },
    { name: 'churn.prior.small.oracle_auc', value: total.chain.oracleAuc, unit: 'auc', n: total.chain.scored },
    { name: 'churn.prior.small.self_pooled_auc', value: total.pooled.auc, unit: 'auc', n: total.pooled.scored },
    { name: 'churn.prior.small.self_pooled_ece', value: total.pooled.ece, unit: 'probability', n: total.pooled.scored },
    { name: 'churn.prior.small.prior_only_auc', value: total.prior.auc, unit: 'auc', n: total.prior.scored },
  ];
  const line = (label: string, e: Record<Way, HeldOutEvaluation>) =>
    `| ${label} | ${e.chain.scored} | ${e.chain.churned} | ${f3(e.chain.auc)} | ${f3(e.chain.ece)} | ${f3(e.pooled.auc)} | ${f3(e.pooled.ece)} | ${f3(e.prior.auc)} | ${f3(e.prior.ece)} | ${f3(e.chain.oracleAuc)} | ${f3(e.chain.oracleEce)} |`;
  const markdown = [
    `${count} communities of 60-150 paying members, 8 months of history to ${asOf.toISOString().slice(0, 10)}, each alone in its own`,
    'database, scored one by one at that date and judged on what the simulator says happened in the next 30 days.',
    'Each lives in a seeded variant of a named world (every rate moved by about 30%) that the prior did not see.',
    '"Prior + own outcomes" is what the chain chooses (core/churn/prior.ts: the prior model updated by the community\'s',
    `own labelled snapshots); "self-pooled" is the pooled model trained on the install, i.e. on the community alone;`,
    `"prior alone" is the versioned prior (trained ${prior.trainedAt} on ${prior.worlds.length} simulated communities) without the update.`,
    '',
    '| communities | members scored | churned | prior + own AUC | prior + own ECE | self-pooled AUC | self-pooled ECE | prior alone AUC | prior alone ECE | oracle AUC | oracle ECE |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    line(`all ${count}, pooled for the figures`, total),
    ...perCommunity.map((c, k) => line(`${k}: ${c.name}`, c.e)),
    '',
    `Shared machine: load average (1/5/15 min) ${load()} at the end.`,
    '',
    ...perCommunity.map((c, k) => `- ${k}: ${c.sentence}`),
  ].join('\n');
  if (!opts.quick) record('churn-small', figures, markdown);
  console.log(markdown);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchChurnSmall(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', {
    quick: process.argv.includes('--quick'),
  });
}
