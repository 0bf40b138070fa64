// `pulse webhooks replay [--since <ISO date>] [--company <id|biz_…>] [--unapplied] [--dead]`: apply stored Whop
// webhooks again, oldest first. Idempotent: events already applied change nothing. Events given up after their
// capped attempts (dead) are retried only with --dead; ignored types never.
import { openPool } from '../../core/db/pool.ts';
import { findCompany } from '../../core/companies/company.repository.ts';
import { WEBHOOK_MAX_ATTEMPTS } from '../../core/whop/webhook-attempts.ts';
import { replayWebhooks } from '../../core/whop/webhook-replay.ts';
import { UsageError } from '../runtime.ts';
import { usageLine } from './help.ts';
import type { VerbHandler } from './types.ts';

export const run: VerbHandler = async (config, values, positionals = [], verb) => {
  const [sub, ...extra] = positionals;
  if (sub !== 'replay' || extra.length) throw new UsageError(usageLine('webhooks replay', verb.subverbs!.replay!));
  let since: Date | undefined;
  if (typeof values.since === 'string') {
    since = new Date(values.since);
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since "${values.since}" is not a date`);
  }
  const pool = openPool(config.DATABASE_URL, { max: 10, timeouts: 'job' });
  try {
    let companyId: number | undefined;
    if (typeof values.company === 'string') {
      const company = await findCompany(pool, values.company);
      if (!company) throw new UsageError(`unknown company "${values.company}"`);
      companyId = company.id;
    }
    const r = await replayWebhooks(pool, {
      since,
      companyId,
      onlyUnapplied: values.unapplied === true,
      dead: values.dead === true,
    });
    const dead =
      r.dead > 0 ? `, ${r.dead} given up after ${WEBHOOK_MAX_ATTEMPTS} attempts (retry them with --dead)` : '';
    process.stdout.write(
      values.json
        ? JSON.stringify(r) + '\n'
        : `replayed ${r.examined} event(s): ${r.applied} applied (${r.rowsChanged} row(s) changed), ${r.notApplied} not applicable, ${r.failed} failed${dead}\n`,
    );
  } finally {
    await pool.end();
  }
};
