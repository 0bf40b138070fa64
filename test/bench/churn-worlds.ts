// Churn model across differently shaped worlds (churn.world.<name>.* in docs/benchmarks.md#figure-names):
// one simulated company per world (demo/sim/worlds.ts), 18 months loaded, its own model trained and
// scored at the end date, judged on the hidden next 30 days beside the world's oracle (the simulator's own
// 30-day probabilities) and beside the plain baseline (core/churn/baseline.ts) trained on the same
// labelled snapshots and scored on the same members in the same run.
// Run alone: node test/bench/churn-worlds.ts [--quick] [--worlds a,b]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { baselineProbabilities, trainBaseline } from '../../core/churn/baseline.ts';
import { snapshotFeatures } from '../../core/churn/features.repository.ts';
import { scoreCompany } from '../../core/churn/scoring.service.ts';
import { labelled, snapshotOffsets, trainCompanyModel } from '../../core/churn/training.service.ts';
import { createSim, worldByName, worldNames } from '../../demo/sim/index.ts';
import { churnBenchEnd } from '../churn/churn-bench-database.ts';
import { evaluateHeldOut, simOutcomes, type HeldOutEvaluation } from '../churn/sim-truth.ts';
import { benchDatabase, ensureSimDatabase } from '../churn/sim-database.ts';
import { record, type Figure } from './record.ts';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

export interface WorldResult {
  world: string;
  model: HeldOutEvaluation;
  baseline: HeldOutEvaluation;
  algorithm: string;
  trainSeconds: number;
  sentence: string;
}

export async function benchChurnWorlds(
  adminUrl: string,
  opts: { quick?: boolean; worlds?: string[] } = {},
): Promise<Figure[]> {
  const members = opts.quick ? 1500 : 5000;
  const names = opts.worlds ?? [...worldNames];
  const asOf = churnBenchEnd;
  const sims = names.map((name) =>
    createSim({ seed: `world:${name}:${members}`, members, months: 18, endDate: asOf, world: worldByName(name) }),
  );
  const db = await ensureSimDatabase(
    adminUrl,
    benchDatabase(opts.quick ? 'worlds_quick' : 'worlds'),
    sims,
    console.log,
  );
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const results: WorldResult[] = [];
  try {
    await pool.query('delete from churn_predictions; delete from churn_model_runs');
    for (const { companyId, sim } of db.companies) {
      const t0 = performance.now();
      const own = await trainCompanyModel(pool, companyId, { asOf, seed: 1 });
      const trainSeconds = (performance.now() - t0) / 1000;
      const scores = await scoreCompany(pool, companyId, { asOf });
      if (scores.model.source !== 'company')
        throw new Error(`world ${sim.options.world.name}: not scored by its own model`);
      const truth = simOutcomes(sim);
      const model = evaluateHeldOut(scores.members, truth);
      // The baseline learns from the same labelled snapshots and scores the same members at asOf.
      const train = labelled(await snapshotFeatures(pool, companyId, asOf, snapshotOffsets(12)));
      const baselineModel = trainBaseline(
        train.map((r) => r.raw),
        train.map((r) => (r.churned ? 1 : 0)),
      );
      const now = await snapshotFeatures(pool, companyId, asOf, [0]);
      const p = baselineProbabilities(
        baselineModel,
        now.map((r) => r.raw),
      );
      const baseline = evaluateHeldOut(
        now.map((r, i) => ({ whopUserId: r.whopUserId, probability: p[i]! })),
        truth,
      );
      const r: WorldResult = {
        world: sim.options.world.name,
        model,
        baseline,
        algorithm: own.run.model.algorithm,
        trainSeconds,
        sentence: own.sentence,
      };
      results.push(r);
      console.log(
        `${r.world}: AUC ${model.auc.toFixed(3)} (baseline ${baseline.auc.toFixed(3)}, oracle ${model.oracleAuc.toFixed(3)}), ECE ${model.ece.toFixed(3)}, ${r.algorithm}, train ${trainSeconds.toFixed(1)} s; load ${load()}`,
      );
    }
  } finally {
    await pool.end();
  }
  const figures: Figure[] = results.flatMap((r) => [
    { name: `churn.world.${r.world}.auc`, value: r.model.auc, unit: 'auc', n: r.model.scored },
    { name: `churn.world.${r.world}.oracle_auc`, value: r.model.oracleAuc, unit: 'auc', n: r.model.scored },
    { name: `churn.world.${r.world}.ece`, value: r.model.ece, unit: 'probability', n: r.model.scored },
    { name: `churn.world.${r.world}.baseline_auc`, value: r.baseline.auc, unit: 'auc', n: r.baseline.scored },
    { name: `churn.world.${r.world}.train_s`, value: r.trainSeconds, unit: 's', n: 1 },
  ]);
  const worst = results.reduce(
    (w, r) => (r.model.oracleAuc - r.model.auc > w.model.oracleAuc - w.model.auc ? r : w),
    results[0]!,
  );
  figures.push({
    name: 'churn.world.worst_oracle_gap',
    value: worst.model.oracleAuc - worst.model.auc,
    unit: 'auc',
    n: results.length,
  });
  const f3 = (x: number) => x.toFixed(3);
  const markdown = [
    `One simulated company per world (${members.toLocaleString('en-US')} members ever, 18 months to ${asOf.toISOString().slice(0, 10)}), its own model`,
    'trained and scored at that date, judged on what the simulator says happened in the next 30 days. "Oracle" is the',
    'world\'s own 30-day churn probability; "baseline" is logistic regression on ten obvious features',
    '(core/churn/baseline.ts), trained on the same labelled snapshots and scored on the same members in the same run.',
    '',
    '| world | what drives churn | members scored | churned | model AUC | baseline AUC | oracle AUC | gap to oracle | ECE | baseline ECE | oracle ECE | model | train s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...results.map(
      (r) =>
        `| ${r.world} | ${worldByName(r.world).description} | ${r.model.scored} | ${r.model.churned} | ${f3(r.model.auc)} | ${f3(r.baseline.auc)} | ${f3(r.model.oracleAuc)} | ${f3(r.model.oracleAuc - r.model.auc)} | ${f3(r.model.ece)} | ${f3(r.baseline.ece)} | ${f3(r.model.oracleEce)} | ${r.algorithm} | ${r.trainSeconds.toFixed(1)} |`,
    ),
    '',
    `Model beats the baseline on ${results.filter((r) => r.model.auc > r.baseline.auc).length} of ${results.length} worlds; worst gap to the oracle: ${f3(worst.model.oracleAuc - worst.model.auc)} AUC (${worst.world}).`,
    `Shared machine: load average (1/5/15 min) ${load()} at the end.`,
    '',
    ...results.map((r) => `- ${r.world}: ${r.sentence}`),
  ].join('\n');
  if (!opts.quick) record('churn-worlds', figures, markdown);
  console.log(markdown);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--worlds');
  await benchChurnWorlds(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', {
    quick: process.argv.includes('--quick'),
    worlds: at > 0 ? process.argv[at + 1]!.split(',') : undefined,
  });
}
