// `pulse report-link --company <biz_…|id> --kind <kind> [--expires <days>] [--member <whop user id>]
// [--period <name>]`: makes a signed report link and prints its URL on stdout (the expiry and link id on
// stderr), as /report does in chat.
import { BadInput, NotFound } from '../../core/errors.ts';
import { openPool } from '../../core/db/pool.ts';
import { createReportLinks, type CreatedReportLink } from '../../core/reports/report-links.service.ts';
import { companyByReference } from '../../core/companies/company.repository.ts';
import type { Config } from '../../core/config.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

type Values = Record<string, string | boolean | undefined>;

function text(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} needs a value`);
  return v.trim();
}

/** Makes the link; UsageError (one line, exit 2) for every bad input. */
export async function makeReportLink(
  config: Config,
  values: Values,
  now: () => Date = () => new Date(),
): Promise<CreatedReportLink> {
  const company = text(values, 'company');
  const kind = text(values, 'kind');
  if (!company) throw new UsageError('--company <id or biz_ id> is required');
  if (!kind) throw new UsageError('--kind is required (overview, revenue, engagement, churn, content, member)');
  const expires = text(values, 'expires');
  if (expires !== undefined && !/^\d{1,3}$/.test(expires))
    throw new UsageError(`--expires must be a whole number of days, not ${JSON.stringify(expires)}`);
  const member = text(values, 'member');
  const period = text(values, 'period');
  const pool = openPool(config.DATABASE_URL, { max: 2 });
  try {
    const { id } = await companyByReference(pool, company);
    const links = createReportLinks({ db: pool, secret: config.PULSE_SECRET, publicUrl: config.PUBLIC_URL, now });
    return await links.create({
      companyId: id,
      kind,
      createdBy: 'cli',
      expiresInDays: expires === undefined ? undefined : Number(expires),
      params: { ...(member ? { whopUserId: member } : {}), ...(period ? { period } : {}) },
    });
  } catch (err) {
    if (err instanceof BadInput || err instanceof NotFound) throw new UsageError(err.message);
    throw err;
  } finally {
    await pool.end();
  }
}

export const run: VerbHandler = async (config, values) => {
  const link = await makeReportLink(config, values);
  process.stdout.write(`${link.url}\n`);
  process.stderr.write(
    `expires ${link.expiresAt.toISOString()}; link id ${link.tokenId} (revoke with /report revoke)\n`,
  );
};
