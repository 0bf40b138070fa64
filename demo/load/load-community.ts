// Bulk load of a whole simulated community with COPY, streaming: members are generated, encoded and copied
// in chunks, a few chunks in flight at once, so memory stays bounded at any size. Per chunk, one connection
// copies members -> memberships -> payments -> refunds (each committed before the next refers to it) while
// other connections copy activity events of chunks whose members are already in.
import pg from 'pg';
import type { Sim } from '../sim/index.ts';
import { insertCatalog } from './catalog.ts';
import { copyRows } from './copy.ts';
import { emptyBatch, encodeBundle, resetBatch, type Batch } from './encode.ts';
import { IdReserver } from './sequences.ts';

export type RowCounts = Batch['counts'];

export interface LoadProgress {
  members: number;
  totalMembers: number;
  rows: RowCounts;
  elapsedMs: number;
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /** Members per COPY batch (default 500). */
  chunkMembers?: number;
  /** Connections copying activity events in parallel (default 2). */
  activityConnections?: number;
  /** ANALYZE the loaded tables at the end (default true). */
  analyze?: boolean;
}

export interface LoadResult {
  /** companies.id of the new company. */
  companyId: number;
  whopCompanyId: string;
  rows: RowCounts;
  paymentsMinor: number;
  refundsMinor: number;
  seconds: number;
}

const MAX_IN_FLIGHT = 4;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // A bulk load is re-runnable from its seed: no need to wait for each commit to reach disk.
  await c.query('SET synchronous_commit = off');
  return c;
}

/** Writes the community into an empty company; on failure the company (and every row under it) is removed. */
export async function loadCommunity(databaseUrl: string, sim: Sim, options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const chunk = options.chunkMembers ?? 500;
  const admin = await connect(databaseUrl);
  const clients: pg.Client[] = [admin];
  let companyId: number | null = null;
  const inFlight: Array<Promise<void>> = [];
  try {
    const core = await connect(databaseUrl);
    clients.push(core);
    const acts: pg.Client[] = [];
    for (let i = 0; i < (options.activityConnections ?? 2); i++) acts.push(await connect(databaseUrl));
    clients.push(...acts);
    const cat = await insertCatalog(admin, sim);
    companyId = cat.companyId;
    const reserver = new IdReserver(admin);
    const total = sim.options.members;
    let nextMember = total > 0 ? await reserver.take('members', total) : 0;
    const totals = emptyBatch();
    let coreChain = Promise.resolve();
    const actChains = acts.map(() => Promise.resolve());
    const bundles = sim.memberBundles();
    const spare: Batch[] = [];
    for (let n = 0; ; n++) {
      const part = [];
      for (let r = bundles.next(); !r.done; r = bundles.next()) {
        part.push(r.value);
        if (part.length === chunk) break;
      }
      if (part.length === 0) break;
      const membership = await reserver.take(
        'memberships',
        part.reduce((s, b) => s + b.memberships.length, 0),
      );
      const payment = await reserver.take(
        'payments',
        part.reduce((s, b) => s + b.payments.length, 0),
      );
      const ids = { member: nextMember, membership, payment };
      const batch = spare.length > 0 ? resetBatch(spare.pop()!) : emptyBatch();
      for (const b of part) encodeBundle(b, cat, ids, batch);
      nextMember = ids.member;
      const membersIn = coreChain.then(() => copyRows(core, 'members', batch.members.data()));
      coreChain = membersIn
        .then(() => copyRows(core, 'memberships', batch.memberships.data()))
        .then(() => copyRows(core, 'payments', batch.payments.data()))
        .then(() => copyRows(core, 'refunds', batch.refunds.data()));
      const k = n % acts.length;
      actChains[k] = Promise.all([membersIn, actChains[k]]).then(() =>
        copyRows(acts[k]!, 'activity_events', batch.activity.data()),
      );
      inFlight.push(
        Promise.all([coreChain, actChains[k]]).then(() => {
          addBatch(totals, batch);
          spare.push(batch);
          options.onProgress?.({
            members: totals.counts.members,
            totalMembers: total,
            rows: { ...totals.counts },
            elapsedMs: performance.now() - started,
          });
        }),
      );
      while (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      await tick();
    }
    while (inFlight.length > 0) await inFlight.shift();
    if (options.analyze ?? true) await admin.query('ANALYZE members, memberships, payments, refunds, activity_events');
    return {
      companyId,
      whopCompanyId: sim.company.id,
      rows: totals.counts,
      paymentsMinor: totals.paymentsMinor,
      refundsMinor: totals.refundsMinor,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await Promise.allSettled(inFlight);
    if (companyId !== null)
      await admin.query('delete from companies where id = $1', [companyId]).catch(() => undefined);
    throw err;
  } finally {
    await Promise.allSettled(clients.map((c) => c.end()));
  }
}

function addBatch(into: Batch, b: Batch): void {
  for (const key of Object.keys(into.counts) as Array<keyof RowCounts>) into.counts[key] += b.counts[key];
  into.paymentsMinor += b.paymentsMinor;
  into.refundsMinor += b.refundsMinor;
}
