// Posting claimed deliveries: for each, find its workspace and deliverer, rebuild its answer, post it and
// record the outcome in the ledger (core/delivery attemptDelivery). A PermanentDeliveryError (channel gone,
// bot removed) fails it for good; anything else is retried with backoff. A few posts run at once; when the
// worker stops, claims not started yet are released for another worker.
import { PermanentDeliveryError } from '../../bot/deliverer.ts';
import {
  attemptDelivery,
  type AttemptOutcome,
  type ClaimedDelivery,
  type ErrorVerdict,
} from '../../core/delivery/index.ts';
import { isCompanyRemoved } from '../../core/lifecycle/company-state.ts';
import { companyById } from '../../core/companies/company.repository.ts';
import { companyWorkspaceLinks, type Tenant } from '../../core/tenancy/index.ts';
import type { JobContext } from './context.ts';
import { deliveryAnswer } from './delivery-messages.ts';
import { errorFields } from './log.ts';
import { countDelivery } from '../observability/index.ts';

export function classifyDeliveryError(err: unknown): ErrorVerdict {
  if (err instanceof PermanentDeliveryError) return { permanent: true, message: `${err.code}: ${err.message}` };
  return { permanent: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

async function tenantOf(ctx: JobContext, d: ClaimedDelivery): Promise<Tenant | null> {
  const link = (await companyWorkspaceLinks(ctx.pool, d.companyId)).find((l) => l.id === d.workspaceLinkId);
  return link ? { link, company: await companyById(ctx.pool, d.companyId) } : null;
}

export async function postOne(ctx: JobContext, d: ClaimedDelivery): Promise<AttemptOutcome> {
  const send = async () => {
    const deliverer = ctx.deliverers[d.platform];
    if (!deliverer) throw new PermanentDeliveryError(`this worker cannot post to ${d.platform}`, 'no_deliverer');
    // Claimed before an uninstall or erase request (or retried after one): never posted.
    if (await isCompanyRemoved(ctx.pool, d.companyId))
      throw new PermanentDeliveryError('the company uninstalled Pulse or is being erased', 'company_removed');
    const tenant = await tenantOf(ctx, d);
    if (!tenant) throw new PermanentDeliveryError('the workspace was unlinked from this company', 'workspace_unlinked');
    const destination = { platform: d.platform, workspaceId: tenant.link.externalId, channelId: d.channelId };
    // One key per delivery: a retry after an unrecorded success is recognised by Discord (nonce) instead of posting twice.
    return deliverer.post(destination, await deliveryAnswer(ctx, tenant, d), { idempotencyKey: `pulse-d${d.id}` });
  };
  return attemptDelivery(ctx.pool, d, send, {
    now: ctx.now,
    leaseMs: ctx.delivery.leaseMs,
    policy: ctx.delivery.policy,
    signal: ctx.signal,
    classify: classifyDeliveryError,
    onLeaseError: (err) => ctx.log.warn({ delivery: d.id, ...errorFields(err) }, 'could not renew a delivery lease'),
  });
}

/** Posts claimed deliveries, `ctx.delivery.concurrency` at a time; logs each outcome. */
export async function postClaimed(ctx: JobContext, claimed: readonly ClaimedDelivery[]): Promise<AttemptOutcome[]> {
  const outcomes: AttemptOutcome[] = new Array(claimed.length);
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const i = next++;
      const d = claimed[i]!;
      try {
        outcomes[i] = await postOne(ctx, d);
      } catch (err) {
        // The ledger itself could not be written (database down): the lease runs out and another pass retries.
        ctx.log.error(
          { delivery: d.id, companyId: d.companyId, kind: d.kind, ...errorFields(err) },
          'delivery not recorded',
        );
        outcomes[i] = { status: 'superseded' };
        continue;
      }
      const o = outcomes[i]!;
      countDelivery(d.platform, d.kind, o.status);
      const fields = {
        delivery: d.id,
        companyId: d.companyId,
        kind: d.kind,
        period: d.period,
        platform: d.platform,
        attempt: d.attempts,
        outcome: o.status,
      };
      if (o.status === 'failed') ctx.log.warn({ ...fields, reason: o.error }, 'delivery failed for good');
      else if (o.status === 'retry')
        ctx.log.warn({ ...fields, reason: o.error, retryAt: o.retryAt.toISOString() }, 'delivery will be retried');
      else ctx.log.info(fields, 'delivery attempted');
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.delivery.concurrency, claimed.length) }, lane));
  return outcomes;
}
