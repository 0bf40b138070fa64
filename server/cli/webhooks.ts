// `pulse webhooks replay [--since <ISO date>] [--company <id|biz_…>] [--unapplied]`: apply stored Whop webhooks
// again, oldest first. Idempotent: events already applied change nothing.
import { openOrm } from '../../core/db/orm.ts';
import { findCompany } from '../../core/whop/credentials.ts';
import { closeOrm, poolOf } from '../../core/whop/db.ts';
import { replayWebhooks } from '../../core/whop/webhook-replay.ts';
import { UsageError } from '../runtime.ts';
import type { Verb } from './verbs.ts';

export const webhooksVerb: Verb = {
  options: { since: { type: 'string' }, company: { type: 'string' }, unapplied: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: true,
  needSecret: false,
  handler: async (config, values, positionals = []) => {
    const [sub, ...extra] = positionals;
    if (sub !== 'replay' || extra.length) throw new UsageError('usage: pulse webhooks replay [--since <date>] [--company <id>] [--unapplied]');
    let since: Date | undefined;
    if (typeof values.since === 'string') {
      since = new Date(values.since);
      if (Number.isNaN(since.getTime())) throw new UsageError(`--since "${values.since}" is not a date`);
    }
    const orm = await openOrm(config.DATABASE_URL);
    try {
      const pool = await poolOf(orm);
      let companyId: number | undefined;
      if (typeof values.company === 'string') {
        const company = await findCompany(pool, values.company);
        if (!company) throw new UsageError(`unknown company "${values.company}"`);
        companyId = company.id;
      }
      const r = await replayWebhooks(pool, { since, companyId, onlyUnapplied: values.unapplied === true });
      process.stdout.write(values.json ? JSON.stringify(r) + '\n'
        : `replayed ${r.examined} event(s): ${r.applied} applied (${r.rowsChanged} row(s) changed), ${r.notApplied} not applicable, ${r.failed} failed\n`);
    } finally {
      await closeOrm(orm);
    }
  },
};
