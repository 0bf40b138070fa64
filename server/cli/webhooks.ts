// `pulse webhooks replay [--since <ISO date>] [--company <id|biz_…>] [--unapplied] [--dead]`: apply stored Whop
// webhooks again, oldest first. Idempotent: events already applied change nothing. Events given up after their
// capped attempts (dead) are retried only with --dead; ignored types never.
import { openPool } from '../../core/db/pool.ts';
import { findCompany } from '../../core/companies/company.repository.ts';
import { replayWebhooks, WEBHOOK_MAX_ATTEMPTS } from '../../core/whop/webhook-replay.ts';
import { UsageError } from '../runtime.ts';
import { usageLine } from './help.ts';
import type { Verb } from './verbs.ts';

export const webhooksVerb: Verb = {
  summary: 're-apply stored Whop webhooks (idempotent)',
  options: {},
  subverbs: {
    replay: {
      summary: 're-apply stored Whop webhooks, oldest first; events already applied change nothing',
      options: {
        since: { type: 'string', value: '<date>', help: 'only events received since this ISO date or time' },
        company: { type: 'string', value: '<id>', help: 'only this company (Pulse id or Whop id)' },
        unapplied: { type: 'boolean', help: 'only events not applied yet' },
        dead: { type: 'boolean', help: `also events given up after ${WEBHOOK_MAX_ATTEMPTS} failed attempts` },
        json: { type: 'boolean', help: 'print the counts as JSON' },
      },
    },
  },
  needSecret: false,
  handler: async (config, values, positionals = []) => {
    const [sub, ...extra] = positionals;
    if (sub !== 'replay' || extra.length) throw new UsageError(usageLine('webhooks replay', webhooksVerb.subverbs!.replay!));
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
      const r = await replayWebhooks(pool, { since, companyId, onlyUnapplied: values.unapplied === true, dead: values.dead === true });
      const dead = r.dead > 0 ? `, ${r.dead} given up after ${WEBHOOK_MAX_ATTEMPTS} attempts (retry them with --dead)` : '';
      process.stdout.write(values.json ? JSON.stringify(r) + '\n'
        : `replayed ${r.examined} event(s): ${r.applied} applied (${r.rowsChanged} row(s) changed), ${r.notApplied} not applicable, ${r.failed} failed${dead}\n`);
    } finally {
      await pool.end();
    }
  },
};
