// The demo goes through the real ingestion path: a simulated community (18 months ending today, deterministic
// from the seed) is served by the loopback fake Whop, and Pulse syncs it with the official SDK, then builds
// its rollups and churn scores. Demo-only: the fake lives in test/fakes and is not in the production image.
import type pg from 'pg';
import cliProgress from 'cli-progress';
import type { Config } from '../../core/config.ts';
import { materialize, type SimOptions } from '../sim/index.ts';
import { findCompany, type CompanyRef } from '../../core/companies/company.repository.ts';
import { storeCompanyCredentials, whopApiForCompany } from '../../core/whop/credentials.ts';
import { syncCompany } from '../../core/whop/sync.ts';
import { refreshCompany } from '../../core/pipeline/refresh.ts';
import { companyFromSim } from '../fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../fake-whop/server.ts';

export interface DemoOptions {
  seed: number;
  members: number;
}

export function demoSimOptions(o: DemoOptions, today = new Date()): SimOptions {
  const endDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return { seed: o.seed, members: o.members, months: 18, endDate };
}

export interface DemoWhop {
  fake: FakeWhop;
  whopCompanyId: string;
  title: string;
}

/** The fake Whop serving the simulated community; its URL becomes WHOP_API_BASE_URL unless one is set. */
export async function startDemoWhop(o: DemoOptions): Promise<DemoWhop> {
  const data = companyFromSim(materialize(demoSimOptions(o)));
  const fake = await startFakeWhop({ dataset: { companies: [data] } });
  return { fake, whopCompanyId: data.company.id, title: data.company.title };
}

async function registerCompany(pool: pg.Pool, config: Config, whop: DemoWhop): Promise<CompanyRef> {
  let ref: CompanyRef | undefined = await findCompany(pool, whop.whopCompanyId);
  if (!ref) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into companies (whop_company_id, name, tier, time_zone) values ($1, $2, 'pro', 'America/New_York') returning id`,
      [whop.whopCompanyId, whop.title],
    );
    ref = { id: Number(rows[0]!.id), whopCompanyId: whop.whopCompanyId };
  }
  // The demo owns this company's key (the fake's): sealing it again each run keeps it readable under this
  // checkout's PULSE_SECRET.
  await storeCompanyCredentials(pool, config.PULSE_SECRET, ref.id, { apiKey: defaultFakeApiKey });
  return ref;
}

/** Sync from Whop (the fake) with a progress bar, then build rollups and churn scores. */
export async function seedDemoCompany(pool: pg.Pool, config: Config, whop: DemoWhop): Promise<CompanyRef> {
  const company = await registerCompany(pool, config, whop);
  const api = await whopApiForCompany(pool, config, company);
  const bar = new cliProgress.SingleBar(
    {
      format: 'sync from Whop {bar} {value}/{total} lists | {objects} objects | {resource}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { objects: 0, resource: 'starting' });
  const report = await syncCompany(pool, api, company, {
    onProgress: (p) => {
      bar.setTotal(Math.max(p.tasksStarted, 1));
      bar.update(p.tasksDone, { objects: p.totalFetched.toLocaleString('en-US'), resource: p.resource });
    },
  }).finally(() => bar.stop());
  const t = report.totals;
  process.stderr.write(
    `pulse: synced ${t.fetched.toLocaleString('en-US')} objects from Whop in ${(report.ms / 1000).toFixed(1)} s (${t.inserted} new, ${t.updated} updated)\n`,
  );
  await refreshCompany(pool, company.id, {
    asOf: new Date(),
    onStep: (s) => process.stderr.write(`pulse: ${s.step} ready in ${(s.ms / 1000).toFixed(1)} s (${s.detail})\n`),
  });
  return company;
}
