// `pulse company list|add|tier|erase|resume`: the operator's view and levers of companies (see the usage text).
// Companies that installed the Whop app arrive by themselves; `add` is for a company read with its own key or
// the app key without an install event. Keys come only from stdin and never appear in output.
import { isTier } from '../../core/tiers/tier-limits.ts';
import { openPool } from '../../core/db/pool.ts';
import { companyByReference } from '../../core/companies/company.repository.ts';
import { NotFound } from '../../core/errors.ts';
import { clearReapproval } from '../../core/lifecycle/reapproval.ts';
import { requestErase } from '../../core/lifecycle/erase-request.ts';
import { eraseCompany } from '../../core/lifecycle/erase-company.ts';
import { storeCompanyCredentials } from '../../core/whop/credentials.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { openJobQueue } from '../jobs/job-queue.ts';
import { UsageError } from '../runtime.ts';
import { companyTable, listCompanies } from './company-list.ts';
import { proveKey, readStdin } from './company-key.ts';
import { usageLine } from './help.ts';
import type { Verb, VerbHandler } from './types.ts';

/** Every sub-verb's usage line, from the verb's declaration (verbs.ts). */
const companyUsage = (verb: Verb) =>
  Object.entries(verb.subverbs ?? {})
    .map(([name, spec], i) => (i ? '       ' : '') + usageLine(`company ${name}`, spec).slice(i ? 'usage: '.length : 0))
    .join('\n');

type Pool = ReturnType<typeof openPool>;
type Values = Record<string, string | boolean | undefined>;

async function companyOf(pool: Pool, verb: Verb, ref: string | undefined) {
  if (!ref) throw new UsageError(companyUsage(verb));
  return companyByReference(pool, ref).catch((err: unknown) => {
    throw err instanceof NotFound ? new UsageError(`unknown company "${ref}"`) : err;
  });
}

async function add(pool: Pool, config: Parameters<VerbHandler>[0], values: Values): Promise<string> {
  const whop = values.whop;
  if (typeof whop !== 'string' || !/^biz_[A-Za-z0-9_]{1,60}$/.test(whop))
    throw new UsageError('--whop <biz_…> is required (the Whop company id)');
  let apiKey: string | undefined;
  let title: string | null = null;
  if (values['key-stdin'] === true) {
    apiKey = await readStdin();
    if (!/^[\x21-\x7e]{8,300}$/.test(apiKey))
      throw new UsageError('stdin does not hold a Whop API key (one line, no spaces)');
    const proof = await proveKey(apiKey, config.WHOP_API_BASE_URL, whop);
    if (!proof.ok) throw new UsageError(proof.problem);
    title = proof.title;
  }
  const name = (typeof values.name === 'string' && values.name.trim()) || title || whop;
  const id = await inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into companies (whop_company_id, name) values ($1, $2)
       on conflict (whop_company_id) do update set name = excluded.name, updated_at = now() returning id`,
      [whop, name.slice(0, 200)],
    );
    const companyId = Number(rows[0]!.id);
    if (apiKey) await storeCompanyCredentials(tx, config.PULSE_SECRET, companyId, { apiKey });
    return companyId;
  });
  const queue = openJobQueue(config.DATABASE_URL);
  const queued = await queue
    .enqueueSync(id)
    .then(
      () => 'first sync queued',
      () => `queue its first sync with: pulse sync --company ${id}`,
    )
    .finally(() => queue.close());
  return `added ${name} (${whop}, id ${id})${apiKey ? '; key checked (members, memberships, payments) and stored encrypted' : '; read with the app key (WHOP_API_KEY)'}; ${queued}\n`;
}

export const run: VerbHandler = async (config, values, positionals = [], verb) => {
  const [sub, ref, arg, ...extra] = positionals;
  if (extra.length) throw new UsageError(companyUsage(verb));
  const pool = openPool(config.DATABASE_URL, { max: 3, timeouts: 'job' });
  const out = (s: string) => void process.stdout.write(s);
  try {
    if (sub === 'list') {
      const list = await listCompanies(pool);
      return out(values.json ? JSON.stringify(list) + '\n' : companyTable(list));
    }
    if (sub === 'add') return out(await add(pool, config, values));
    const company = await companyOf(pool, verb, ref);
    if (sub === 'tier') {
      if (!arg || !isTier(arg)) throw new UsageError('the tier must be free, pro or enterprise');
      await pool.query(
        'update companies set tier = $2, tier_membership_id = null, tier_checked_at = now(), updated_at = now() where id = $1',
        [company.id, arg],
      );
      return out(
        `${company.name} (id ${company.id}) is now on ${arg} (set by the operator until a Pulse plan membership changes it)\n`,
      );
    }
    if (sub === 'resume') {
      const cleared = await clearReapproval(pool, company.id);
      return out(
        cleared
          ? `${company.name} (id ${company.id}): re-approval cleared; the next scheduled sync runs\n`
          : `${company.name} (id ${company.id}) was not waiting for re-approval\n`,
      );
    }
    if (sub === 'erase') {
      if (values.now && values.cancel) throw new UsageError('give --now or --cancel, not both');
      if (values.cancel) {
        await pool.query(
          'update companies set erase_requested_at = null, erase_after = null, updated_at = now() where id = $1',
          [company.id],
        );
        return out(`erase of ${company.name} (id ${company.id}) cancelled; its rows are kept\n`);
      }
      const now = new Date();
      const at = await requestErase(pool, company.id, {
        now,
        graceDays: config.ERASE_GRACE_DAYS,
        immediate: values.now === true,
      });
      if (!values.now)
        return out(
          `erase of ${company.name} (id ${company.id}) pending at ${at?.toISOString()}; posting and syncing stopped\n`,
        );
      const r = await eraseCompany(pool, company.id, { now });
      const rows = Object.values(r.deleted).reduce((a, b) => a + b, 0);
      const tables = Object.values(r.deleted).filter((n) => n > 0).length;
      return out(
        `erased ${company.name} (id ${company.id}): ${rows} row(s) from ${tables} table(s), then the company itself\n`,
      );
    }
    throw new UsageError(companyUsage(verb));
  } finally {
    await pool.end();
  }
};
