// Setup of the nightly pipeline bench: simulated companies served by the fake Whop as they were one day
// before the simulation's end (every object created in the last day held back), synced in full, rolled up,
// scored and alert-scanned as of that day, each linked to a Discord server with an alert channel on the fake
// Discord. `releaseLastDay()` then hands the held-back day to the fake, so the timed run's incremental sync
// fetches exactly one day of new members, memberships, payments, refunds and activity.
import pg from 'pg';
import { DiscordDeliverer } from '../../bot/discord/deliverer.ts';
import { discordRest } from '../../bot/discord/rest.ts';
import { loadConfig } from '../../core/config.ts';
import { materialize, type SimOptions } from '../../demo/sim/index.ts';
import { linkWorkspace, updateWorkspaceSettings } from '../../core/tenancy/index.ts';
import { scanCompanyChurnAlerts } from '../../server/jobs/churn-alert-scan.ts';
import { runNightlyChurn } from '../../server/jobs/churn-nightly.ts';
import { syncAndRefresh } from '../../server/jobs/company-job.ts';
import { buildJobContext, type JobContext } from '../../server/jobs/context.ts';
import { timeMs, type FakeCompanyData } from '../../demo/fake-whop/dataset.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { companyFromSim } from '../../demo/fake-whop/from-sim.ts';
import { defaultFakeApiKey, startFakeWhop, type FakeWhop } from '../../demo/fake-whop/server.ts';

export const DAY = 86_400_000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Timed = { created_at?: string | number | null };
/** The lists that grow day by day, and the created_at of an item of each. */
const growing = {
  members: (x: Timed) => x.created_at,
  memberships: (x: Timed) => x.created_at,
  payments: (x: Timed) => x.created_at,
  refunds: (x: Timed) => x.created_at,
  lessonInteractions: (x: Timed) => x.created_at,
  messages: (x: { message: Timed }) => x.message.created_at,
  forumPosts: (x: { post: Timed }) => x.post.created_at,
} as const;
type Growing = keyof typeof growing;

/**
 * The company as of `cut`, and what was created from `cut` on. A payment created earlier but updated in the
 * last day (paid after a failure, refunded) is served as of just before `cut` first (the simulator keeps only
 * its last version: its updated_at is set back) and its real version is released with the last day.
 */
export function splitAt(
  data: FakeCompanyData,
  cut: number,
): { before: FakeCompanyData; lastDay: Pick<FakeCompanyData, Growing> } {
  const before = { ...data };
  const lastDay = {} as Record<Growing, unknown[]>;
  for (const key of Object.keys(growing) as Growing[]) {
    const createdOf = growing[key] as (x: unknown) => string | number | null | undefined;
    const items = data[key] as unknown[];
    (before as Record<Growing, unknown[]>)[key] = items.filter((x) => timeMs(createdOf(x)) < cut);
    lastDay[key] = items.filter((x) => timeMs(createdOf(x)) >= cut);
  }
  const early = new Date(cut - 60_000).toISOString();
  const updatedLate = before.payments.filter((p) => timeMs(p.updated_at) >= cut);
  before.payments = before.payments.map((p) => (timeMs(p.updated_at) >= cut ? { ...p, updated_at: early } : p));
  lastDay.payments.push(...updatedLate);
  return { before, lastDay: lastDay as Pick<FakeCompanyData, Growing> };
}

export interface PipelineWorld {
  pool: pg.Pool;
  whop: FakeWhop;
  discord: FakeDiscord;
  companyIds: number[];
  /** Objects held back for the timed run, per list. */
  lastDayCounts: Record<Growing, number>;
  /** Whop ids of the payments created or changed in the last day. */
  lastDayPaymentIds: string[];
  context(now: Date): JobContext;
  releaseLastDay(): void;
  close(): Promise<void>;
}

/** Materializes the companies, serves them as of end - 1 day, and brings each up to that day. */
export async function openPipelineWorld(
  url: string,
  sims: SimOptions[],
  opts: { concurrency: number; log: (s: string) => void },
): Promise<PipelineWorld> {
  const end = timeMs(new Date(sims[0]!.endDate).toISOString());
  const cut = end - DAY;
  const held: Array<{ whopId: string; lastDay: Pick<FakeCompanyData, Growing> }> = [];
  const initial: FakeCompanyData[] = [];
  for (const sim of sims) {
    const { before, lastDay } = splitAt(companyFromSim(materialize(sim)), cut);
    initial.push(before);
    held.push({ whopId: before.company.id, lastDay });
  }
  const lastDayCounts = Object.fromEntries(
    Object.keys(growing).map((k) => [k, held.reduce((n, h) => n + h.lastDay[k as Growing].length, 0)]),
  ) as Record<Growing, number>;
  const whop = await startFakeWhop({ dataset: { companies: initial } });
  const discord = await startFakeDiscord({ token: 'bench-bot-token', appId: '900000000000000009' });
  const pool = new pg.Pool({ connectionString: url, max: 4 + 2 * opts.concurrency });
  pool.on('error', () => undefined);
  const config = loadConfig({
    DATABASE_URL: url,
    PULSE_SECRET: 's'.repeat(40),
    WHOP_API_KEY: defaultFakeApiKey,
    WHOP_API_BASE_URL: whop.url,
  });
  const deliverers = { discord: new DiscordDeliverer(discordRest({ token: 'bench-bot-token', apiBase: discord.api })) };
  const context = (now: Date) =>
    buildJobContext({ config, pool, log: quiet, signal: new AbortController().signal, now: () => now, deliverers });
  const companyIds: number[] = [];
  for (const [i, c] of initial.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      'insert into companies (whop_company_id, name, tier) values ($1, $2, $3) returning id',
      [c.company.id, c.company.title, 'pro'],
    );
    const id = Number(rows[0]!.id);
    companyIds.push(id);
    const link = await linkWorkspace(pool, {
      platform: 'discord',
      externalId: `8${String(i).padStart(17, '0')}`,
      companyId: id,
      linkedBy: 'discord:bench',
    });
    await updateWorkspaceSettings(pool, id, link.id, { alertChannelId: `7${String(i).padStart(17, '0')}` });
  }
  const t0 = performance.now();
  await eachCompany(companyIds, opts.concurrency, async (id) => {
    const ctx = context(new Date(cut));
    await syncAndRefresh(ctx, id, 'full', { name: 'bench:setup' });
    await runNightlyChurn(ctx, id);
    await scanCompanyChurnAlerts(ctx, id);
  });
  opts.log(
    `setup: ${companyIds.length} companies synced, rolled up, scored and alert-scanned as of ${new Date(cut).toISOString()} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return {
    pool,
    whop,
    discord,
    companyIds,
    lastDayCounts,
    context,
    lastDayPaymentIds: held.flatMap((h) => h.lastDay.payments.map((p) => p.id)),
    releaseLastDay() {
      for (const h of held) {
        const store = whop.store.company(h.whopId);
        for (const key of Object.keys(growing) as Growing[])
          for (const item of h.lastDay[key]) (store[key] as { put(x: unknown): void }).put(item);
      }
    },
    async close() {
      await whop.close();
      await discord.close();
      await pool.end();
    },
  };
}

/** Runs `work` for every company, `concurrency` at a time (as a worker runs its per-company jobs). */
export async function eachCompany(
  ids: readonly number[],
  concurrency: number,
  work: (id: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < ids.length) await work(ids[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
}
