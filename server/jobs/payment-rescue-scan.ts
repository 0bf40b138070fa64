// payments:rescue (every 20 s) — for each live company with an unpaid failed renewal or an open episode: its
// failed-payment episodes are advanced and new ones claimed in the ledger (core/rescue, one transaction per
// company), the claims are posted to every alert channel, and the alerts of episodes that changed since they
// were drawn (another failed attempt, recovered, lost, a button pressed on another platform) are edited in
// place. An edit that fails for a transient reason is tried again at the next run; a posted message that is gone
// (deleted, channel removed) is not edited again.
import { PermanentDeliveryError } from '../../bot/deliverer.ts';
import { buildPaymentAlert } from '../../bot/messages/payment-alert.ts';
import type { AttemptOutcome } from '../../core/delivery/index.ts';
import { companyById } from '../../core/companies/company.repository.ts';
import {
  companiesWithRescueWork,
  markShown,
  postedRescueAlerts,
  scanPaymentRescues,
  unshownRescues,
  type EpisodeChange,
} from '../../core/rescue/index.ts';
import { companyWorkspaceLinks } from '../../core/tenancy/index.ts';
import type { JobContext } from './context.ts';
import { postClaimed } from './delivery-runner.ts';
import { alertDestinations } from './destinations.ts';
import { errorFields } from './log.ts';

export interface RescueRun {
  companies: number;
  changes: EpisodeChange[];
  outcomes: AttemptOutcome[];
  edited: number;
}

/** Edits the posted alerts of the company's episodes that changed; an episode is marked shown once all its copies show it. */
async function editChanged(ctx: JobContext, companyId: number): Promise<number> {
  const due = await unshownRescues(ctx.pool, companyId);
  if (due.length === 0) return 0;
  const company = await companyById(ctx.pool, companyId);
  const links = await companyWorkspaceLinks(ctx.pool, companyId);
  let edited = 0;
  for (const { id, version } of due) {
    const { posted, pending } = await postedRescueAlerts(ctx.pool, companyId, id);
    let complete = pending === 0;
    for (const p of posted) {
      const link = links.find((l) => l.id === p.workspaceLinkId);
      const deliverer = ctx.deliverers[p.platform];
      if (!link || !deliverer) continue;
      try {
        const alert = await buildPaymentAlert(ctx.botDeps, { company, link }, id);
        await deliverer.edit(
          { platform: p.platform, workspaceId: link.externalId, channelId: p.channelId },
          p.messageId,
          alert,
        );
        edited++;
      } catch (err) {
        if (!(err instanceof PermanentDeliveryError)) complete = false;
        ctx.log.warn(
          { job: 'payments:rescue', companyId, delivery: p.id, ...errorFields(err) },
          'payment alert not edited',
        );
      }
    }
    // A copy still being posted is drawn from the row as it is then; until it is out, the episode stays due.
    if (complete) await markShown(ctx.pool, companyId, id, version);
  }
  return edited;
}

export async function runPaymentRescue(ctx: JobContext, now: Date = ctx.now()): Promise<RescueRun> {
  const run: RescueRun = { companies: 0, changes: [], outcomes: [], edited: 0 };
  for (const companyId of await companiesWithRescueWork(ctx.pool, now)) {
    if (ctx.signal.aborted) break;
    try {
      const destinations = (await alertDestinations(ctx, companyId)).map((d) => d.destination);
      const scan = await scanPaymentRescues(ctx.pool, companyId, destinations, { now, leaseMs: ctx.delivery.leaseMs });
      run.companies++;
      run.changes.push(...scan.changes);
      run.outcomes.push(...(await postClaimed(ctx, scan.claimed)));
      run.edited += await editChanged(ctx, companyId);
    } catch (err) {
      ctx.log.warn(
        { job: 'payments:rescue', companyId, ...errorFields(err) },
        'failed-payment rescue failed for this company',
      );
    }
  }
  return run;
}
