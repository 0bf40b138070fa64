// `pulse link --company <biz_…|id> (--discord <guild id> | --slack <team id>)`: attach a Discord guild or a
// Slack team to a company (an operator's alternative to /pulse setup's Whop-key form). Re-linking to the same
// company keeps the workspace's settings; moving it to another company resets its channels and roles. A company
// that has never synced gets its first sync queued at once.
import { openPool } from '../../core/db/pool.ts';
import { NotFound } from '../../core/errors.ts';
import { companyByReference } from '../../core/companies/company.repository.ts';
import { linkWorkspace } from '../../core/tenancy/index.ts';
import { openJobQueue } from '../jobs/job-queue.ts';
import { hasSynced } from '../../core/whop/sync-status.repository.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

const discordId = /^\d{15,25}$/;
const slackTeamId = /^[TE][A-Z0-9]{6,20}$/;

/** The workspace the options name: exactly one of --discord / --slack, with a well-formed id. */
export function workspaceOf(values: Record<string, string | boolean | undefined>): {
  platform: 'discord' | 'slack';
  externalId: string;
} {
  const discord = values.discord;
  const slack = values.slack;
  if ((discord === undefined) === (slack === undefined))
    throw new UsageError('give exactly one of --discord <guild id> or --slack <team id>');
  if (discord !== undefined) {
    if (typeof discord !== 'string' || !discordId.test(discord))
      throw new UsageError('--discord must be a guild id (a number of 15-25 digits)');
    return { platform: 'discord', externalId: discord };
  }
  if (typeof slack !== 'string' || !slackTeamId.test(slack))
    throw new UsageError('--slack must be a team id (T… or E…)');
  return { platform: 'slack', externalId: slack };
}

export const run: VerbHandler = async (config, values) => {
  const ref = values.company;
  if (typeof ref !== 'string' || !ref) throw new UsageError('--company <id or biz_ id> is required');
  const workspace = workspaceOf(values);
  const pool = openPool(config.DATABASE_URL, { max: 1, timeouts: 'job' });
  try {
    const company = await companyByReference(pool, ref).catch((err: unknown) => {
      throw err instanceof NotFound ? new UsageError(`unknown company "${ref}"`) : err;
    });
    const link = await linkWorkspace(pool, { ...workspace, companyId: company.id, linkedBy: 'cli' });
    const what = workspace.platform === 'discord' ? 'Discord guild' : 'Slack team';
    process.stdout.write(
      `linked ${what} ${link.externalId} to ${company.name} (${company.whopCompanyId}, id ${company.id})\n`,
    );
    if (!(await hasSynced(pool, company.id))) {
      const queue = openJobQueue(config.DATABASE_URL);
      const queued = await queue
        .enqueueSync(company.id)
        .then(
          () => 'first sync queued',
          () => `queue its first sync with: pulse sync --company ${company.id}`,
        )
        .finally(() => queue.close());
      process.stdout.write(`${queued}\n`);
    }
  } finally {
    await pool.end();
  }
};
