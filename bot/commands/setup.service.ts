// Setup's writes: linking a workspace with a verified Whop API key (the company row found or created, the key
// sealed with core/whop's credentials, the link made — in one transaction, so a failure stores nothing) and
// the company's time zone.
import type pg from 'pg';
import { assertTimeZone } from '../../core/period.ts';
import { actorRef, linkWorkspace } from '../../core/tenancy/index.ts';
import { storeCompanyCredentials } from '../../core/whop/credentials.ts';
import { answer, type Answer } from '../answer.ts';
import type { SetupKeyRequest } from './dispatch.ts';
import type { BotDeps } from './types.ts';
import { checkKeyInput, checkWhopKey, type KeyCheck } from './whop-key-check.ts';
import { inTransaction } from '../../core/whop/db.ts';

const refusals: Record<Exclude<KeyCheck, { ok: true }>['reason'], string> = {
  'rejected': 'Whop did not accept this API key. Check that you copied the whole key and that it has not been deleted, then try again.',
  'no-access': 'This key cannot read that company\'s members. Use a company API key of that company with member read access (or check the company id).',
  'company-needed': 'Pulse could not tell which company this key belongs to. Enter your company id (biz_…, in Whop → Settings) together with the key.',
  'unreachable': 'Pulse could not reach Whop just now. Nothing was saved; please try again in a minute.',
};

export async function linkWithWhopKey(deps: BotDeps, req: SetupKeyRequest): Promise<Answer> {
  const apiKey = req.whopApiKey.trim();
  const named = req.whopCompanyId?.trim() || undefined;
  checkKeyInput(apiKey, named);
  const check = await checkWhopKey(apiKey, deps.config.WHOP_API_BASE_URL, named);
  if (!check.ok) {
    deps.log.warn({ platform: req.platform, workspaceId: req.workspaceId, reason: check.reason, status: check.status }, 'whop key refused at setup');
    return answer({ title: 'The Whop key was not saved', summary: refusals[check.reason], tone: 'warning', visibility: 'ephemeral' });
  }
  const linked = await inTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ id: string; name: string }>(
      `insert into companies (whop_company_id, name) values ($1, $2)
       on conflict (whop_company_id) do update set name = coalesce($3, companies.name), updated_at = now()
       returning id, name`, [check.whopCompanyId, check.title ?? check.whopCompanyId, check.title]);
    const company = { id: Number(rows[0]!.id), name: rows[0]!.name };
    await storeCompanyCredentials(tx, deps.config.PULSE_SECRET, company.id, { apiKey });
    await linkWorkspace(tx, { platform: req.platform, externalId: req.workspaceId, companyId: company.id, linkedBy: actorRef(req.actor) });
    return company;
  });
  deps.log.info({ platform: req.platform, workspaceId: req.workspaceId, companyId: linked.id }, 'workspace linked with a whop key');
  return answer({
    title: `Linked to ${linked.name}`,
    summary: [
      `This ${req.platform === 'discord' ? 'server' : 'workspace'} now answers for **${linked.name}** (\`${check.whopCompanyId}\`). The key is stored encrypted.`,
      'Pulse syncs your members and payments from Whop next; figures fill in as the first sync finishes.',
      'Run `/pulse setup` again to choose the digest, alert and staff channels, time zone, digest hour and who may use Pulse.',
    ].join('\n'),
    tone: 'good', visibility: 'ephemeral',
  });
}

/** Sets the company's time zone (IANA, checked); figures use it from the next refresh of the rollups. */
export async function setCompanyTimeZone(db: pg.Pool, companyId: number, timeZone: string): Promise<string> {
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: assertTimeZone(timeZone) }).resolvedOptions().timeZone;
  await db.query('update companies set time_zone = $2, updated_at = now() where id = $1', [companyId, zone]);
  return zone;
}
