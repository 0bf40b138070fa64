// `pulse member erase --company <id> --user <whop user id>`: deletes one member's rows and personal fields
// (core/lifecycle/erase-member.ts); payments stay as anonymous revenue and the daily aggregates are kept.
import { openPool } from '../../core/db/pool.ts';
import { NotFound } from '../../core/errors.ts';
import { eraseMember } from '../../core/lifecycle/erase-member.ts';
import { companyByReference } from '../../core/companies/company.repository.ts';
import { UsageError } from '../runtime.ts';
import { usageLine } from './help.ts';
import type { VerbHandler } from './types.ts';

export const run: VerbHandler = async (config, values, positionals = [], verb) => {
  const usage = usageLine('member erase', verb.subverbs!.erase!);
  if (positionals.length !== 1 || positionals[0] !== 'erase') throw new UsageError(usage);
  const ref = values.company;
  const user = values.user;
  if (typeof ref !== 'string' || typeof user !== 'string') throw new UsageError(usage);
  if (!/^user_[A-Za-z0-9_]{1,60}$/.test(user)) throw new UsageError('--user must be a Whop user id (user_…)');
  const pool = openPool(config.DATABASE_URL, { max: 2, timeouts: 'job' });
  try {
    const company = await companyByReference(pool, ref).catch((err: unknown) => {
      throw err instanceof NotFound ? new UsageError(`unknown company "${ref}"`) : err;
    });
    const r = await eraseMember(pool, company.id, user);
    if (!r.found) throw new UsageError(`${company.name} (id ${company.id}) has no member ${user}`);
    const total = Object.values(r.changed).reduce((a, b) => a + b, 0);
    process.stdout.write(
      values.json
        ? JSON.stringify({ companyId: company.id, user, ...r }) + '\n'
        : `erased member ${user} of ${company.name} (id ${company.id}): ${total} row(s) deleted or unlinked (${Object.entries(
            r.changed,
          )
            .filter(([, n]) => n > 0)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')})\n`,
    );
  } finally {
    await pool.end();
  }
};
