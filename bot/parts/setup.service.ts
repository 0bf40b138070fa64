// Setup's writes. With Sign in with Whop configured, an unlinked workspace gets a one-time link page and no
// key is ever taken from chat. Without it (self-hosting), a pasted Whop key links the workspace once the key
// passed every read a sync needs — but only to a company no other workspace holds: a key never moves a
// company to a second workspace or replaces the key stored for it (that takes the Whop sign-in, or the
// operator's `pulse link`). The company row, sealed key and link are written in one transaction.
import { claimCompanyForKey, renameCompany, updateCompanyTimeZone } from '../../core/companies/company.repository.ts';
import type { Queryable } from '../../core/db/queryable.ts';
import { createLinkRequest } from '../../core/linking/link-request.service.ts';
import { recordSetupChannel } from '../../core/linking/setup-channels.repository.ts';
import { signInConfigured } from '../../core/linking/whop-oauth.ts';
import { assertTimeZone } from '../../core/period.ts';
import { actorRef, findWorkspaceLink, linkWorkspace, type Actor } from '../../core/tenancy/index.ts';
import { storeCompanyCredentials } from '../../core/whop/credentials.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { answer, type Answer } from '../answer.ts';
import type { SetupKeyRequest } from '../requests.ts';
import { linkPageAnswer } from './setup-guidance.ts';
import type { BotDeps } from '../deps.ts';
import { checkKeyInput, checkWhopKey, type KeyCheck } from './whop-key-check.ts';

const refusals: Record<Exclude<KeyCheck, { ok: true }>['reason'], string> = {
  rejected:
    'Whop did not accept this API key. Check that you copied the whole key and that it has not been deleted, then try again.',
  'no-access':
    "This key cannot read that company's members. Use a company API key of that company with member read access (or check the company id).",
  'missing-permission': "This key can read the company's members but not everything Pulse syncs",
  'company-needed':
    'Pulse could not tell which company this key belongs to. Enter your company id (biz_…, in Whop → Settings) together with the key.',
  unreachable: 'Pulse could not reach Whop just now. Nothing was saved; please try again in a minute.',
};
const held = {
  'company-taken':
    'That Whop company is already linked to another server or workspace, or has a key stored already. A pasted key cannot add this one or replace that key: ask the Pulse operator to link it (`pulse link`).',
  'workspace-taken': 'This server or workspace is already linked to another Whop company. Nothing was changed.',
} as const;

class KeyRefused extends Error {
  readonly why: keyof typeof held;
  constructor(why: keyof typeof held) {
    super(why);
    this.why = why;
  }
}

const notSaved = (summary: string) =>
  answer({ title: 'The Whop key was not saved', summary, tone: 'warning', visibility: 'ephemeral' });

/** `/pulse setup` in an unlinked workspace with sign-in on: a fresh link page for the admin who asked. */
export async function linkPageFor(
  deps: BotDeps,
  actor: Actor,
  where: { workspaceId: string; channelId: string | null },
  notice?: string,
): Promise<Answer> {
  const { workspaceId, channelId } = where;
  const link = await createLinkRequest(deps, {
    platform: actor.platform,
    externalId: workspaceId,
    requestedBy: actorRef(actor),
    channelId,
  });
  deps.log.info({ platform: actor.platform, workspaceId }, 'link page made for setup');
  return linkPageAnswer(actor.platform, link, notice);
}

function refusalOf(check: Exclude<KeyCheck, { ok: true }>): string {
  if (check.reason !== 'missing-permission') return refusals[check.reason];
  return `${refusals['missing-permission']}: Whop refused to list its ${check.missing.join(', ')}. Give the key those read permissions in Whop (Developer → API keys) and try again. Nothing was saved.`;
}

export async function linkWithWhopKey(deps: BotDeps, req: SetupKeyRequest): Promise<Answer> {
  if (signInConfigured(deps.config)) {
    return linkPageFor(
      deps,
      req.actor,
      req,
      'This Pulse server links with Sign in with Whop: the key was not used or stored.',
    );
  }
  const apiKey = req.whopApiKey.trim();
  const named = req.whopCompanyId?.trim() || undefined;
  checkKeyInput(apiKey, named);
  const check = await checkWhopKey(apiKey, deps.config.WHOP_API_BASE_URL, named);
  if (!check.ok) {
    deps.log.warn(
      { platform: req.platform, workspaceId: req.workspaceId, reason: check.reason, status: check.status },
      'whop key refused at setup',
    );
    return notSaved(refusalOf(check));
  }
  let linked: { id: number; name: string };
  try {
    linked = await inTransaction(deps.db, async (tx) => {
      const company = await claimCompanyForKey(tx, check.whopCompanyId, check.title ?? check.whopCompanyId, {
        platform: req.platform,
        externalId: req.workspaceId,
      });
      const current = await findWorkspaceLink(tx, req.platform, req.workspaceId);
      if (current && current.companyId !== company.id) throw new KeyRefused('workspace-taken');
      if (company.otherLinks > 0 || (company.hasKey && !current)) throw new KeyRefused('company-taken');
      if (check.title) await renameCompany(tx, company.id, check.title);
      await storeCompanyCredentials(tx, deps.config.PULSE_SECRET, company.id, { apiKey });
      await linkWorkspace(tx, {
        platform: req.platform,
        externalId: req.workspaceId,
        companyId: company.id,
        linkedBy: actorRef(req.actor),
      });
      if (req.channelId)
        await recordSetupChannel(tx, {
          companyId: company.id,
          platform: req.platform,
          externalId: req.workspaceId,
          channelId: req.channelId,
          at: deps.now(),
        });
      return { id: company.id, name: check.title ?? company.name };
    });
  } catch (err) {
    if (!(err instanceof KeyRefused)) throw err;
    deps.log.warn(
      { platform: req.platform, workspaceId: req.workspaceId, reason: err.why },
      'whop key refused at setup',
    );
    return notSaved(held[err.why]);
  }
  deps.log.info(
    { platform: req.platform, workspaceId: req.workspaceId, companyId: linked.id },
    'workspace linked with a whop key',
  );
  await deps
    .queueFirstSync?.(linked.id)
    .catch((err: unknown) =>
      deps.log.warn(
        { companyId: linked.id, err: err instanceof Error ? err.message : String(err) },
        'could not queue the first sync; the scheduler will',
      ),
    );
  return answer({
    title: `Linked to ${linked.name}`,
    summary: [
      `This ${req.platform === 'discord' ? 'server' : 'workspace'} now answers for **${linked.name}** (\`${check.whopCompanyId}\`). The key is stored encrypted.`,
      'Pulse syncs your members and payments from Whop now; when the first sync is done it posts "Pulse is ready" here with your first figures (`/pulse status` shows how far it is).',
      'Run `/pulse setup` again to choose the digest, alert and staff channels, time zone, digest hour and who may use Pulse.',
    ].join('\n'),
    tone: 'good',
    visibility: 'ephemeral',
  });
}

/** Sets the company's time zone (IANA, checked); figures use it from the next refresh of the rollups. */
export async function setCompanyTimeZone(db: Queryable, companyId: number, timeZone: string): Promise<string> {
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: assertTimeZone(timeZone) }).resolvedOptions().timeZone;
  await updateCompanyTimeZone(db, companyId, zone);
  return zone;
}
