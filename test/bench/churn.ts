// Churn model bench (churn.* in docs/benchmarks.md#figure-names). On the simulator's held-out future (data loaded up to its end
// date, ground truth hidden from the model): a 5,000-member company scored by its own model, and twenty
// 60-member companies scored by the pooled model (their members pooled for the figures); each against the
// AUC of the simulator's true 30-day hazard on the same members. Then, on the shared 100k-member bench
// database: training on 12 monthly snapshots, and scoring everyone (median after a warm-up).
// Run alone: node test/bench/churn.ts [--quick]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { scoreCompany, type CompanyScores } from '../../core/churn/scoring.service.ts';
import { trainCompanyModel, trainPooledModel } from '../../core/churn/training.service.ts';
import { ensureBenchDatabase } from './bench-database.ts';
import { churnBenchEnd, ensureChurnBenchDatabase } from '../churn/churn-bench-database.ts';
import { evaluateHeldOut, simOutcomes, type HeldOutEvaluation, type SimOutcome } from '../churn/sim-truth.ts';
import { record, stats, type Figure } from './record.ts';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { seconds: (performance.now() - t0) / 1000, result };
}

/** CPU seconds of one call: this process, and the PostgreSQL backend serving a dedicated connection (from
 * /proc; parallel workers not included). Shows the cost apart from waiting for a busy machine. */
async function cpuOf(
  url: string,
  work: (db: pg.Client) => Promise<unknown>,
): Promise<{ node: number; backend: number; wall: number }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const pid = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const backend = () => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    };
    const [b0, n0, t0] = [backend(), process.cpuUsage(), performance.now()];
    await work(db);
    const n = process.cpuUsage(n0);
    return { node: (n.user + n.system) / 1e6, backend: backend() - b0, wall: (performance.now() - t0) / 1000 };
  } finally {
    await db.end();
  }
}

const row = (label: string, e: HeldOutEvaluation, model: string) =>
  `| ${label} | ${model} | ${e.scored} | ${e.churned} | ${e.auc.toFixed(3)} | ${e.oracleAuc.toFixed(3)} | ${e.ece.toFixed(3)} | ${e.oracleEce.toFixed(3)} | ${e.brier.toFixed(4)} | ${e.oracleBrier.toFixed(4)} |`;

export async function benchChurn(adminUrl: string, opts: { quick?: boolean } = {}): Promise<Figure[]> {
  const lines: string[] = [];
  const log = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  // Held-out future: the mid-size company on its own model, the small ones on the pooled model.
  const bench = await ensureChurnBenchDatabase(adminUrl, console.log);
  const pool = new pg.Pool({ connectionString: bench.url, max: 4 });
  const asOf = churnBenchEnd;
  let mid: HeldOutEvaluation;
  let small: HeldOutEvaluation;
  let midScores: CompanyScores;
  let pooledSentence: string;
  try {
    await pool.query('delete from churn_predictions; delete from churn_model_runs');
    const own = await trainCompanyModel(pool, bench.mid.companyId, { asOf, seed: 1 });
    midScores = await scoreCompany(pool, bench.mid.companyId, { asOf });
    if (midScores.model.source !== 'company')
      throw new Error('the 5,000-member company was not scored by its own model');
    mid = evaluateHeldOut(midScores.members, simOutcomes(bench.mid.sim));
    log(
      `mid: ${own.sentence}; held out: AUC ${mid.auc.toFixed(3)} vs oracle ${mid.oracleAuc.toFixed(3)}, ECE ${mid.ece.toFixed(3)}`,
    );
    const pooled = await trainPooledModel(pool, { asOf, seed: 1 });
    pooledSentence = pooled.sentence;
    const smallScores: Array<{ whopUserId: string; probability: number }> = [];
    const truth = new Map<string, SimOutcome>();
    for (const c of bench.small) {
      const s = await scoreCompany(pool, c.companyId, { asOf });
      if (s.model.source !== 'pooled')
        throw new Error(`small company ${c.companyId} was not scored by the pooled model`);
      smallScores.push(...s.members);
      for (const [id, t] of simOutcomes(c.sim)) truth.set(id, t);
    }
    small = evaluateHeldOut(smallScores, truth);
    log(
      `small: ${pooled.sentence}; held out: AUC ${small.auc.toFixed(3)} vs oracle ${small.oracleAuc.toFixed(3)}, ECE ${small.ece.toFixed(3)}`,
    );
  } finally {
    await pool.end();
  }

  // Speed on 100,000 members: train on 12 monthly snapshots; score everyone.
  const big = await ensureBenchDatabase(adminUrl, console.log);
  const bigPool = new pg.Pool({ connectionString: big.url, max: 4 });
  const bigAsOf = new Date('2026-11-01T00:00:00Z');
  const trainRuns = opts.quick ? 1 : 3;
  const scoreRuns = opts.quick ? 3 : 7;
  const runIds: number[] = [];
  const trainSeconds: number[] = [];
  const scoreSeconds: number[] = [];
  let scored = 0;
  let loadDuring = '';
  try {
    for (let i = 0; i < trainRuns; i++) {
      const t = await timed(() => trainCompanyModel(bigPool, big.companyId, { asOf: bigAsOf, seed: 1 }));
      runIds.push(t.result.run.id);
      trainSeconds.push(t.seconds);
      log(
        `100k train ${i + 1}: ${t.seconds.toFixed(1)} s (${t.result.run.metrics.train_rows} fit rows, ${t.result.sentence}); load ${load()}`,
      );
    }
    await scoreCompany(bigPool, big.companyId, { asOf: bigAsOf }); // warm-up
    for (let i = 0; i < scoreRuns; i++) {
      const t = await timed(() => scoreCompany(bigPool, big.companyId, { asOf: bigAsOf }));
      scoreSeconds.push(t.seconds);
      scored = t.result.members.length;
    }
    loadDuring = load();
    log(`100k score: ${scoreSeconds.map((s) => s.toFixed(2)).join(', ')} s for ${scored} members; load ${loadDuring}`);
    const sc = await cpuOf(big.url, (db) => scoreCompany(db, big.companyId, { asOf: bigAsOf }));
    log(
      `100k score CPU: ${sc.node.toFixed(2)} s in Node + ${sc.backend.toFixed(2)} s in the PostgreSQL backend (wall ${sc.wall.toFixed(2)} s; load ${load()})`,
    );
    const tc = await cpuOf(big.url, async (db) =>
      runIds.push((await trainCompanyModel(db, big.companyId, { asOf: bigAsOf, seed: 1 })).run.id),
    );
    log(
      `100k train CPU: ${tc.node.toFixed(1)} s in Node + ${tc.backend.toFixed(1)} s in the PostgreSQL backend (wall ${tc.wall.toFixed(1)} s; load ${load()})`,
    );
  } finally {
    await bigPool.query('delete from churn_model_runs where id = any($1::bigint[])', [runIds]);
    await bigPool.end();
  }

  const train = stats(trainSeconds);
  const score = stats(scoreSeconds);
  const figures: Figure[] = [
    { name: 'churn.auc', value: mid.auc, unit: 'auc', n: mid.scored },
    { name: 'churn.oracle_auc', value: mid.oracleAuc, unit: 'auc', n: mid.scored },
    { name: 'churn.ece', value: mid.ece, unit: 'probability', n: mid.scored },
    { name: 'churn.small.auc', value: small.auc, unit: 'auc', n: small.scored },
    { name: 'churn.small.oracle_auc', value: small.oracleAuc, unit: 'auc', n: small.scored },
    { name: 'churn.small.ece', value: small.ece, unit: 'probability', n: small.scored },
    { name: 'churn.train_s', value: train.median, unit: 's', n: trainRuns },
    { name: 'churn.score_s', value: score.median, unit: 's', n: scoreRuns },
  ];
  const markdown = [
    `Held-out future: communities simulated to ${asOf.toISOString().slice(0, 10)} (18 months of history loaded), scored at that date,`,
    'judged on what the simulator (hidden horizon) says happened in the next 30 days; "oracle" is the simulator\'s own',
    '30-day churn probability for the same members. The small row pools twenty 60-member communities (different seeds),',
    'each scored by the pooled model.',
    '',
    '| community | model | members scored | churned | AUC | oracle AUC | ECE | oracle ECE | Brier | oracle Brier |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('5,000 members (one company)', mid, `own: ${midScores.model.algorithm}`),
    row('60 members (x20 companies)', small, 'pooled'),
    '',
    `Own model: ${midScores.model.sentence}. Pooled model: ${pooledSentence}.`,
    '',
    `Speed on the shared 100,000-member database (24 months, ~10M activity events), ${scored.toLocaleString('en-US')} paying members at 2026-11-01:`,
    '',
    '| figure | median | p95 | runs |',
    '|---|---:|---:|---:|',
    `| train on 12 monthly snapshots (features, both models validated, refit, stored) | ${train.median.toFixed(1)} s | ${train.p95.toFixed(1)} s | ${trainRuns} |`,
    `| score every paying member (features, probabilities, factors, actions) | ${score.median.toFixed(2)} s | ${score.p95.toFixed(2)} s | ${scoreRuns} after 1 warm-up |`,
    '',
    `Shared machine: load average (1/5/15 min) ${loadDuring} at the end of the scoring runs; other engineers' jobs ran alongside.`,
    '',
    ...lines.map((l) => `- ${l}`),
  ].join('\n');
  record('churn', figures, markdown);
  console.log(markdown);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchChurn(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', {
    quick: process.argv.includes('--quick'),
  });
}
