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
import type { OptionSpec, SubVerb, Verb } from './verbs.ts';

const json: OptionSpec = { type: 'boolean', help: 'print as JSON' };
const subverbs: Record<string, SubVerb> = {
  list: { summary: 'companies: Whop id, name, tier, workspaces, last sync, state (active, needs re-approval, uninstalled, erase pending at <date>)', options: { json } },
  add: {
    summary: 'add a company without the Whop app: read with the app key, or with its own key (checked, stored encrypted); queues its first sync',
    options: {
      whop: { type: 'string', value: '<biz_id>', required: true, help: 'the Whop company id' },
      name: { type: 'string', value: '<name>', help: 'the name shown (default: the name Whop gives, else the id)' },
      'key-stdin': { type: 'boolean', help: "read the company's own Whop API key from stdin (never from the command line)" },
    },
  },
  tier: { summary: "set a company's tier by hand (until a Pulse plan membership changes it)", args: '<id> <free|pro|enterprise>', options: {} },
  erase: {
    summary: 'stop posting and syncing now and delete every row of the company after ERASE_GRACE_DAYS', args: '<id>',
    options: { now: { type: 'boolean', help: 'delete now, without the grace period' }, cancel: { type: 'boolean', help: 'cancel a pending erase; the rows are kept' } },
  },
  resume: { summary: 'clear "needs re-approval" once the creator approved Pulse\'s permissions again', args: '<id>', options: {} },
};
export const companyUsage = Object.entries(subverbs).map(([name, spec], i) => (i ? '       ' : '') + usageLine(`company ${name}`, spec).slice(i ? 'usage: '.length : 0)).join('\n');

type Pool = ReturnType<typeof openPool>;
type Values = Record<string, string | boolean | undefined>;

async function companyOf(pool: Pool, ref: string | undefined) {
  if (!ref) throw new UsageError(companyUsage);
  return companyByReference(pool, ref).catch((err: unknown) => {
    throw err instanceof NotFound ? new UsageError(`unknown company "${ref}"`) : err;
  });
}

async function add(pool: Pool, config: Parameters<Verb['handler']>[0], values: Values): Promise<string> {
  const whop = values.whop;
  if (typeof whop !== 'string' || !/^biz_[A-Za-z0-9_]{1,60}$/.test(whop)) throw new UsageError('--whop <biz_…> is required (the Whop company id)');
  let apiKey: string | undefined;
  let title: string | null = null;
  if (values['key-stdin'] === true) {
    apiKey = await readStdin();
    if (!/^[\x21-\x7e]{8,300}$/.test(apiKey)) throw new UsageError('stdin does not hold a Whop API key (one line, no spaces)');
    const proof = await proveKey(apiKey, config.WHOP_API_BASE_URL, whop);
    if (!proof.ok) throw new UsageError(proof.problem);
    title = proof.title;
  }
  const name = (typeof values.name === 'string' && values.name.trim()) || title || whop;
  const id = await inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into companies (whop_company_id, name) values ($1, $2)
       on conflict (whop_company_id) do update set name = excluded.name, updated_at = now() returning id`, [whop, name.slice(0, 200)]);
    const companyId = Number(rows[0]!.id);
    if (apiKey) await storeCompanyCredentials(tx, config.PULSE_SECRET, companyId, { apiKey });
    return companyId;
  });
  const queue = openJobQueue(config.DATABASE_URL);
  const queued = await queue.enqueueSync(id).then(() => 'first sync queued', () => `queue its first sync with: pulse sync --company ${id}`).finally(() => queue.close());
  return `added ${name} (${whop}, id ${id})${apiKey ? '; key checked (members, memberships, payments) and stored encrypted' : '; read with the app key (WHOP_API_KEY)'}; ${queued}\n`;
}

export const companyVerb: Verb = {
  summary: 'list, add, tier, erase or resume companies',
  options: {},
  subverbs,
  handler: async (config, values, positionals = []) => {
    const [sub, ref, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(companyUsage);
    const pool = openPool(config.DATABASE_URL, { max: 3, timeouts: 'job' });
    const out = (s: string) => void process.stdout.write(s);
    try {
      if (sub === 'list') {
        const list = await listCompanies(pool);
        return out(values.json ? JSON.stringify(list) + '\n' : companyTable(list));
      }
      if (sub === 'add') return out(await add(pool, config, values));
      const company = await companyOf(pool, ref);
      if (sub === 'tier') {
        if (!arg || !isTier(arg)) throw new UsageError('the tier must be free, pro or enterprise');
        await pool.query('update companies set tier = $2, tier_membership_id = null, tier_checked_at = now(), updated_at = now() where id = $1', [company.id, arg]);
        return out(`${company.name} (id ${company.id}) is now on ${arg} (set by the operator until a Pulse plan membership changes it)\n`);
      }
      if (sub === 'resume') {
        const cleared = await clearReapproval(pool, company.id);
        return out(cleared ? `${company.name} (id ${company.id}): re-approval cleared; the next scheduled sync runs\n` : `${company.name} (id ${company.id}) was not waiting for re-approval\n`);
      }
      if (sub === 'erase') {
        if (values.now && values.cancel) throw new UsageError('give --now or --cancel, not both');
        if (values.cancel) {
          await pool.query('update companies set erase_requested_at = null, erase_after = null, updated_at = now() where id = $1', [company.id]);
          return out(`erase of ${company.name} (id ${company.id}) cancelled; its rows are kept\n`);
        }
        const now = new Date();
        const at = await requestErase(pool, company.id, { now, graceDays: config.ERASE_GRACE_DAYS, immediate: values.now === true });
        if (!values.now) return out(`erase of ${company.name} (id ${company.id}) pending at ${at?.toISOString()}; posting and syncing stopped\n`);
        const r = await eraseCompany(pool, company.id, { now });
        const rows = Object.values(r.deleted).reduce((a, b) => a + b, 0);
        const tables = Object.values(r.deleted).filter((n) => n > 0).length;
        return out(`erased ${company.name} (id ${company.id}): ${rows} row(s) from ${tables} table(s), then the company itself\n`);
      }
      throw new UsageError(companyUsage);
    } finally {
      await pool.end();
    }
  },
};
