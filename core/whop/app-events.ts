// Events of Pulse as a Whop app, which apply whether or not the company exists yet: app_installation.created
// (create or bring back the company), app_installation.deleted (stop everything, erase after the grace
// period), and membership events of Pulse's own plans (a company bought, renewed or lost a tier). Stored in the
// inbox like every event, applied in the same transaction; a failed apply is kept unapplied and applied again
// when Whop redelivers it. What must happen outside the database (telling Whop our id for the installation,
// queueing the first sync) is returned as the effect, for the caller to do after the commit.
import type { Membership } from '@whop/sdk/resources/shared';
import { tierOfPlan, type PaidTier, type PlanConfig } from '../billing/plans.ts';
import { applyTierMembership, type TierChange } from '../billing/tier-membership.ts';
import { recordInstall, recordUninstall } from '../lifecycle/installation.ts';
import type { Pool, PoolClient } from '../db/queryable.ts';
import type { WebhookEnvelope } from './webhook-apply.ts';
import { whopCompanyOf } from './webhook-inbox.ts';

export interface AppEventOptions {
  plans: PlanConfig;
  /** ERASE_GRACE_DAYS: how long an uninstalled company's rows are kept. */
  graceDays: number;
}

export type AppEffect =
  | { kind: 'installed'; companyId: number; installationId: string; whopCompanyId: string; created: boolean }
  | { kind: 'uninstalled'; companyId: number }
  | { kind: 'tier'; companyId: number; change: TierChange }
  | { kind: 'none'; reason: string };

export interface AppReceipt {
  outcome: 'applied' | 'duplicate' | 'failed';
  effect?: AppEffect;
  error?: string;
}

interface Installation {
  id?: unknown;
  account?: { id?: unknown; name?: unknown; title?: unknown } | null;
  company?: { id?: unknown; title?: unknown } | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The paid tier a membership event is about, or null when its plan is not one of Pulse's. */
export function pulsePlanTier(e: WebhookEnvelope, plans: PlanConfig): PaidTier | null {
  if (!e.type.startsWith('membership.')) return null;
  return tierOfPlan(plans, str((e.data as { plan?: { id?: unknown } }).plan?.id));
}

/** Whether the event is Pulse's own business (an install, or a membership of Pulse's plans) rather than a company's data. */
export function isAppEvent(e: WebhookEnvelope, plans: PlanConfig): boolean {
  return e.type.startsWith('app_installation.') || pulsePlanTier(e, plans) !== null;
}

function installationFacts(e: WebhookEnvelope) {
  const d = e.data as Installation;
  const whopCompanyId = whopCompanyOf(e) ?? str(d.account?.id) ?? str(d.company?.id);
  return {
    installationId: str(d.id) ?? null,
    whopCompanyId,
    name: str(d.account?.name) ?? str(d.account?.title) ?? str(d.company?.title) ?? null,
  };
}

async function apply(tx: PoolClient, e: WebhookEnvelope, o: AppEventOptions): Promise<AppEffect> {
  const at = new Date(e.timestamp);
  if (e.type === 'app_installation.created') {
    const f = installationFacts(e);
    // Malformed for good (no redelivery can fix it): kept in the inbox as not applied, and acknowledged.
    if (!f.whopCompanyId || !f.installationId)
      return { kind: 'none', reason: 'installation event without its account or installation id' };
    const r = await recordInstall(tx, {
      installationId: f.installationId,
      whopCompanyId: f.whopCompanyId,
      name: f.name,
      at,
    });
    if (r.stale) return { kind: 'none', reason: 'an installation older than the last uninstall' };
    return {
      kind: 'installed',
      companyId: r.companyId,
      installationId: f.installationId,
      whopCompanyId: f.whopCompanyId,
      created: r.created,
    };
  }
  if (e.type === 'app_installation.deleted') {
    const f = installationFacts(e);
    if (!f.whopCompanyId) return { kind: 'none', reason: 'installation event without its account' };
    const companyId = await recordUninstall(tx, {
      installationId: f.installationId,
      whopCompanyId: f.whopCompanyId,
      at,
      graceDays: o.graceDays,
    });
    return companyId === null
      ? { kind: 'none', reason: 'no such installed company (or an older installation)' }
      : { kind: 'uninstalled', companyId };
  }
  const tier = pulsePlanTier(e, o.plans);
  if (tier !== null) {
    const change = await applyTierMembership(tx, e.data as unknown as Membership, tier, at);
    return change.companyId === null
      ? { kind: 'none', reason: change.reason }
      : { kind: 'tier', companyId: change.companyId, change };
  }
  return { kind: 'none', reason: `event type ${e.type} is not an app event` };
}

// A redelivery of an event whose apply failed is taken again (attempts + 1); an applied one is a duplicate. The
// row is 'pending' only inside this transaction: applied, ignored (nothing to do) or failed when it commits.
const claimSql = `insert into webhook_inbox as w (webhook_id, whop_company_id, event_type, payload, state, attempts)
  values ($1, $2, $3, $4::jsonb, 'pending', 1)
  on conflict (webhook_id) do update set attempts = w.attempts + 1 where w.applied_at is null
  returning id`;

/** Store and apply one verified app event. */
export async function receiveAppEvent(
  pool: Pool,
  webhookId: string,
  e: WebhookEnvelope,
  rawBody: string,
  o: AppEventOptions,
): Promise<AppReceipt> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const claimed = await tx.query<{ id: string }>(claimSql, [webhookId, whopCompanyOf(e), e.type, rawBody]);
    const inboxId = claimed.rows[0]?.id;
    if (inboxId === undefined) {
      await tx.query('ROLLBACK');
      return { outcome: 'duplicate' };
    }
    try {
      await tx.query('SAVEPOINT app_event');
      const effect = await apply(tx, e, o);
      // Billing events belong to Pulse's own company: they are not filed under the customer, whose replays must not apply them.
      const owner = effect.kind === 'installed' || effect.kind === 'uninstalled' ? effect.companyId : null;
      const note = effect.kind === 'none' ? `not applied: ${effect.reason}` : null;
      await tx.query(
        `update webhook_inbox set company_id = $2, applied_at = now(), error = $3, state = case when $3::text is null then 'applied' else 'ignored' end
        where id = $1`,
        [inboxId, owner, note],
      );
      await tx.query('COMMIT');
      return { outcome: 'applied', effect };
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      await tx.query('ROLLBACK TO SAVEPOINT app_event');
      await tx.query(`update webhook_inbox set error = $2, state = 'failed' where id = $1`, [inboxId, error]);
      await tx.query('COMMIT');
      return { outcome: 'failed', error };
    }
  } catch (err) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    tx.release();
  }
}
