// `pulse churn --company <id|biz_…> [--json] [--as-of <ISO time>]`: score every counted member now (or at
// --as-of): Whop user id, membership id, probability, risk level and top factors, riskiest first.
import { openPool } from '../../core/db/pool.ts';
import { scoreCompany, type CompanyScores } from '../../core/churn/scoring.service.ts';
import { findCompany } from '../../core/companies/company.repository.ts';
import { UsageError } from '../runtime.ts';
import type { VerbHandler } from './types.ts';

function asOfFrom(value: string | boolean | undefined): Date {
  if (value === undefined) return new Date();
  const at = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--as-of must be an ISO date or time, not ${JSON.stringify(value)}`);
  return at;
}

export function churnJson(s: CompanyScores): unknown {
  return {
    companyId: s.companyId,
    asOf: s.asOf.toISOString(),
    model: {
      runId: s.model.runId,
      source: s.model.source,
      algorithm: s.model.algorithm,
      trainedAt: s.model.trainedAt.toISOString(),
      metrics: s.model.metrics,
      summary: s.model.sentence,
    },
    members: s.members.map((m) => ({
      whopUserId: m.whopUserId,
      membershipId: m.whopMembershipId,
      probability: Math.round(m.probability * 10_000) / 10_000,
      risk: m.risk,
      factors: m.factors.map((f) => f.sentence),
      actions: m.actions.map((a) => ({ kind: a.kind, priority: a.priority, text: a.text })),
    })),
  };
}

export function churnTable(s: CompanyScores): string {
  const lines = [`${s.members.length} paying members scored at ${s.asOf.toISOString()}; ${s.model.sentence}`];
  lines.push(
    `${'whop user id'.padEnd(22)} ${'membership id'.padEnd(22)} ${'p(churn)'.padStart(8)}  ${'risk'.padEnd(8)}  top factors`,
  );
  for (const m of s.members) {
    const factors = m.factors.map((f) => f.sentence).join('; ') || '-';
    lines.push(
      `${m.whopUserId.padEnd(22)} ${m.whopMembershipId.padEnd(22)} ${m.probability.toFixed(2).padStart(8)}  ${m.risk.padEnd(8)}  ${factors}`,
    );
  }
  return lines.join('\n') + '\n';
}

export const run: VerbHandler = async (config, values) => {
  const ref = values.company;
  if (typeof ref !== 'string' || !ref) throw new UsageError('--company <id or biz_ id> is required');
  const asOf = asOfFrom(values['as-of']);
  const pool = openPool(config.DATABASE_URL, { max: 2, timeouts: 'job' });
  try {
    const company = await findCompany(pool, ref);
    if (!company) throw new UsageError(`unknown company "${ref}"`);
    // Never "no model": the scoring chain ends with the rule-based score, which the first line then names.
    const scores = await scoreCompany(pool, company.id, { asOf });
    process.stdout.write(values.json ? JSON.stringify(churnJson(scores), null, 2) + '\n' : churnTable(scores));
  } finally {
    await pool.end();
  }
};
