// A test world for Whop ingestion: a fresh migrated database, a pg pool on it, a fake Whop serving a simulated
// community, and the company registered in Pulse. The official SDK talks to the fake over loopback HTTP.
import pg from 'pg';
import { materialize } from '../../demo/sim/index.ts';
import { createWhopClient, WhopApi } from '../../core/whop/client.ts';
import type { CompanyRef } from '../../core/companies/company.repository.ts';
import type { RetryPolicy } from '../../core/whop/retry.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import type { FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import type { FaultSwitches } from '../../demo/fake-whop/faults.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';

/** Short backoffs so fault tests stay quick; 429 waits are still what the server says. */
export const testRetryPolicy: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 10,
  maxDelayMs: 200,
  maxRateLimitWaitMs: 5_000,
};

export function simCompany(seed: number, members: number, companyId?: string): FakeCompanyData {
  return companyFromSim(materialize({ seed, members, months: 12, endDate: '2026-11-01T00:00:00Z', companyId }));
}

export interface WhopWorld {
  db: TestDatabase;
  pool: pg.Pool;
  fake: FakeWhop;
  data: FakeCompanyData;
  company: CompanyRef;
  api(policy?: RetryPolicy): WhopApi;
  close(): Promise<void>;
}

export async function registerCompany(pool: pg.Pool, whopCompanyId: string, name = whopCompanyId): Promise<CompanyRef> {
  const { rows } = await pool.query<{ id: string }>(
    'insert into companies (whop_company_id, name) values ($1, $2) returning id',
    [whopCompanyId, name],
  );
  return { id: Number(rows[0]!.id), whopCompanyId };
}

export async function whopWorld(
  opts: { seed?: number; members?: number; faults?: FaultSwitches; others?: FakeCompanyData[] } = {},
): Promise<WhopWorld> {
  const data = simCompany(opts.seed ?? 7, opts.members ?? 120);
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 8 });
  // The database is dropped with force at the end: a socket still closing then must not crash the run.
  pool.on('error', () => undefined);
  const fake = await startFakeWhop({ dataset: { companies: [data, ...(opts.others ?? [])] }, faults: opts.faults });
  const company = await registerCompany(pool, data.company.id, data.company.title);
  return {
    db,
    pool,
    fake,
    data,
    company,
    api: (policy = testRetryPolicy) =>
      new WhopApi(createWhopClient({ apiKey: defaultFakeApiKey, baseURL: fake.url }), policy),
    close: async () => {
      await fake.close();
      await pool.end();
      await db.drop();
    },
  };
}
