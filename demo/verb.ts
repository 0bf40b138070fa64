// `pulse demo`: migrate, start a fake Whop serving a simulated community, start the server, sync the community
// through the real ingestion path, build rollups and churn scores. Set variables are honoured; unset ones are
// filled in (the fake's URL for WHOP_API_BASE_URL, a generated PULSE_SECRET and webhook secret).
import { migrateUp } from '../core/db/migrate.ts';
import { openPool } from '../core/db/pool.ts';
import { createReportLinks } from '../core/reports/index.ts';
import { seedDemoCompany, startDemoWhop } from './seed/seed.ts';
import { demoInstallLink } from './seed/app-install.ts';
import { demoLinkPage, demoSignInConfig } from './seed/link-page.ts';
import { start } from '../server/main.ts';
import { UsageError } from '../server/runtime.ts';
import type { VerbHandler } from '../server/cli/types.ts';

function positiveInt(value: string | boolean | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

export const run: VerbHandler = async (config, values) => {
  const members = positiveInt(values.members, 2000, 'members');
  const seed = positiveInt(values.seed, 42, 'seed');
  const applied = await migrateUp(config.DATABASE_URL);
  if (applied.length) process.stderr.write(`pulse: applied ${applied.length} migration(s)\n`);
  const whop = await startDemoWhop({ seed, members });
  const demoConfig = demoSignInConfig(
    process.env.WHOP_API_BASE_URL ? config : { ...config, WHOP_API_BASE_URL: whop.fake.url },
    whop.fake,
    whop.whopCompanyId,
  );
  process.stderr.write(
    `pulse: fake Whop for ${whop.whopCompanyId} (${members} members, seed ${seed}) at ${whop.fake.url}\n`,
  );
  const server = values['no-serve'] ? undefined : await start(demoConfig, { deferWorker: true });
  if (server)
    process.stderr.write(
      `pulse: serving ${server.url} (/healthz, /readyz, POST /webhooks/whop)${server.metricsUrl ? `; metrics at ${server.metricsUrl}` : ''}\n`,
    );
  const pool = openPool(config.DATABASE_URL);
  try {
    const company = await seedDemoCompany(pool, demoConfig, whop);
    // A signed report link (30 days) to open in a browser: the same figures the chat commands answer with.
    const links = createReportLinks({
      db: pool,
      secret: config.PULSE_SECRET,
      publicUrl: config.PUBLIC_URL,
      now: () => new Date(),
    });
    const report = server
      ? await links.create({ companyId: company.id, kind: 'overview', createdBy: 'demo', expiresInDays: 30 })
      : undefined;
    const linkPage = server ? await demoLinkPage(pool, demoConfig) : null;
    process.stderr.write(
      [
        `pulse: demo company ${company.whopCompanyId} is ready.`,
        report ? `  report page (expires in 30 days): ${report.url}` : '',
        `  Whop app install link: ${demoInstallLink(demoConfig, whop.fake, server?.url)}`,
        linkPage ? `  setup link page (install the app first; links demo guild, 15 minutes, once): ${linkPage}` : '',
        'In another terminal:',
        `  ./pulse report-link --company ${company.whopCompanyId} --kind churn`,
        `  ./pulse metrics --company ${company.whopCompanyId} --from ${monthsAgo(1)} --to ${monthsAgo(0, -1)}`,
        `  ./pulse churn --company ${company.whopCompanyId}`,
        server ? 'Ctrl-C stops the demo.' : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
  } finally {
    await pool.end();
  }
  // Scheduled syncs (every 15 minutes) and the nightly reconcile keep the demo company current from here on.
  await server?.startWorker();
  if (!server) await whop.fake.close();
};

/** First day of the month n months ago (offset -1: the last day of the previous month). */
function monthsAgo(n: number, offsetDays = 0): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1 + offsetDays));
  return d.toISOString().slice(0, 10);
}
